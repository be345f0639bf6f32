package eu.opeva.coordinator.logs;

import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which file is a job's log (the resolution order of the service this one replaces): a non-empty
 * {@code <id>.log}, else the newest non-empty of the known names ({@code <run_id>.log}, {@code
 * <mlflow_run_id>.log}), else the newest non-empty {@code *.log}, else an empty known one, else the
 * newest {@code *.log}. Only regular files really inside the job folder count. Blocking.
 */
final class LogFiles {
  private final SharedLayout layout;

  LogFiles(SharedLayout layout) {
    this.layout = layout;
  }

  /** A log file as found: its name, its real path, its size then, and when it was last written. */
  record LogFile(String name, Path path, long size, long modified) {}

  Optional<LogFile> resolve(String jobId) throws IOException {
    Path jobDir = layout.jobDir(jobId);
    Path dir = layout.logsDir(jobId);
    if (!Confinement.isFolderUnder(jobDir, dir)) {
      return Optional.empty();
    }
    List<LogFile> all = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.log")) {
      for (Path p : entries) {
        describe(jobDir, p).ifPresent(all::add);
      }
    }
    Optional<LogFile> canonical = find(all, jobId + ".log");
    if (canonical.isPresent() && canonical.get().size() > 0) {
      return canonical;
    }
    List<LogFile> known = new ArrayList<>();
    for (String name : knownNames(jobId)) {
      find(all, name).ifPresent(known::add);
    }
    Comparator<LogFile> newest = Comparator.comparingLong(LogFile::modified).reversed();
    return known.stream()
        .filter(f -> f.size() > 0)
        .min(newest)
        .or(() -> all.stream().filter(f -> f.size() > 0).min(newest))
        .or(() -> known.stream().findFirst())
        .or(() -> all.stream().min(newest));
  }

  private Set<String> knownNames(String jobId) {
    Set<String> names = new LinkedHashSet<>();
    names.add(jobId + ".log");
    JsonObject info = JsonFiles.readObjectOrNull(layout.jobInfoFile(jobId));
    if (info != null) {
      for (String key : List.of("run_id", "mlflow_run_id")) {
        Object runId = info.getValue(key);
        if (runId instanceof String s && SafeNames.isFileName(s + ".log")) {
          names.add(s + ".log");
        }
      }
    }
    return names;
  }

  private static Optional<LogFile> find(List<LogFile> files, String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static Optional<LogFile> describe(Path jobDir, Path p) throws IOException {
    Optional<Path> real = Confinement.regularFileUnder(jobDir, p);
    if (real.isEmpty()) {
      return Optional.empty();
    }
    BasicFileAttributes a = Files.readAttributes(real.get(), BasicFileAttributes.class);
    return Optional.of(
        new LogFile(
            p.getFileName().toString(), real.get(), a.size(), a.lastModifiedTime().toMillis()));
  }
}
