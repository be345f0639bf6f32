package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.Confinement;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's exports under {@code results/simulation_data}: each sub-folder is a session
 * (oldest first); with none, the folder itself is the one session, named {@code root}. Blocking.
 */
final class SimulationSessions {
  static final String ROOT = "root";
  static final String LATEST = "latest";

  private final Path jobDir;
  private final Path dataDir;

  SimulationSessions(Path jobDir) {
    this.jobDir = jobDir;
    this.dataDir = jobDir.resolve("results").resolve("simulation_data");
  }

  record Session(String name, Path dir) {}

  boolean exists() throws IOException {
    return Confinement.isFolderUnder(jobDir, dataDir);
  }

  /** Candidates oldest first by modification time; empty when there is no data folder. */
  List<Session> candidates() throws IOException {
    if (!exists()) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(p);
        }
      }
    }
    if (dirs.isEmpty()) {
      return List.of(new Session(ROOT, dataDir));
    }
    List<Session> sessions = new ArrayList<>();
    dirs.stream()
        .sorted(Comparator.comparingLong(SimulationSessions::modified))
        .forEach(d -> sessions.add(new Session(d.getFileName().toString(), d)));
    return sessions;
  }

  /** The requested session ({@code latest} or null for the newest), or a 404 saying why not. */
  Session select(String requested) throws IOException {
    List<Session> all = candidates();
    if (all.isEmpty()) {
      throw ApiFailure.notFound("No simulation data found for this job");
    }
    if (requested == null || requested.equals(LATEST)) {
      return all.get(all.size() - 1);
    }
    Optional<Session> named = all.stream().filter(s -> s.name().equals(requested)).findFirst();
    if (named.isPresent() && (!requested.equals(ROOT) || named.get().dir().equals(dataDir))) {
      return named.get();
    }
    throw ApiFailure.notFound(
        requested.equals(ROOT)
            ? "Root simulation session not found"
            : "Simulation session '" + requested + "' not found");
  }

  private static long modified(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .lastModifiedTime()
          .toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
