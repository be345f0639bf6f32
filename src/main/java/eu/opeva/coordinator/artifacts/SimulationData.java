package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.artifacts.SimulationSessions.Session;
import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulation-data index (CSV files and the days they cover) and file lookup, confined to the
 * job's folder. Paths in answers are relative to the shared root, never host paths. Blocking.
 */
final class SimulationData {
  private final SharedLayout layout;

  SimulationData(SharedLayout layout) {
    this.layout = layout;
  }

  JsonObject index(String jobId, String session) throws IOException {
    Path jobDir = layout.jobDir(jobId);
    Session selected = new SimulationSessions(jobDir).select(session);
    List<String> files = csvFiles(selected.dir());
    Set<String> days = new TreeSet<>();
    for (String f : files) {
      CsvDays.collect(selected.dir().resolve(f), days);
    }
    return new JsonObject()
        .put("root_path", "jobs/" + jobId + "/" + jobDir.relativize(selected.dir()))
        .put("session", selected.name())
        .put("files", new JsonArray(files))
        .put("available_days", new JsonArray(new ArrayList<>(days)));
  }

  /**
   * The real path of a file of the session (first) or of the job folder, never outside the job
   * folder.
   */
  Path file(String jobId, String relativePath, String session) throws IOException {
    String rel = clean(relativePath);
    Path jobDir = layout.jobDir(jobId);
    if (!Confinement.isFolderUnder(layout.jobs(), jobDir)) {
      throw ApiFailure.notFound("No job data found for this job");
    }
    List<Path> bases = new ArrayList<>();
    try {
      bases.add(new SimulationSessions(jobDir).select(session).dir());
    } catch (ApiFailure f) {
      if (session != null && !session.equals(SimulationSessions.LATEST)) {
        throw f;
      }
    }
    bases.add(jobDir);
    for (Path base : bases) {
      Optional<Path> candidate = SafeNames.resolveUnder(base, rel);
      if (candidate.isPresent()) {
        Optional<Path> real = Confinement.regularFileUnder(jobDir, candidate.get());
        if (real.isPresent()) {
          return real.get();
        }
      }
    }
    throw ApiFailure.notFound("Simulation data file not found");
  }

  /**
   * A relative path with {@code /} separators and no {@code .} parts; absolute, {@code ..}, control
   * characters, unpaired surrogates or a name over 255 bytes is a 400.
   */
  static String clean(String relativePath) {
    String p = relativePath == null ? "" : relativePath.replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
      throw ApiFailure.badRequest("relative_path must be relative");
    }
    if (!SafeNames.isWellFormed(p)) {
      throw ApiFailure.badRequest("Invalid relative_path: it is not well-formed text");
    }
    List<String> parts = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.equals("..")
          || part.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
          || SafeNames.utf8Length(part) > SafeNames.MAX_NAME_BYTES) {
        throw ApiFailure.badRequest("Invalid relative_path");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      throw ApiFailure.badRequest("Invalid relative_path: name a file");
    }
    return String.join("/", parts);
  }

  private static List<String> csvFiles(Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
              files.add(dir.relativize(file).toString().replace('\\', '/'));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(String.CASE_INSENSITIVE_ORDER);
    return files;
  }
}
