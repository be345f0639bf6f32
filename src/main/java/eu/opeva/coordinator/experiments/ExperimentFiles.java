package eu.opeva.coordinator.experiments;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.JsonFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blocking work on {@code configs/}: every write is atomic, and a config is read only when it is
 * really inside the folder (a link that leads out is a 400). Call only from the I/O pool, with
 * names that passed {@link ExperimentNames} and text checked by {@link ConfigYaml}.
 */
final class ExperimentFiles {
  private final Path dir;
  private final JsonFiles files;

  ExperimentFiles(Path dir, JsonFiles files) {
    this.dir = dir;
    this.files = files;
  }

  List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (ExperimentNames.isConfigName(name) && Files.isRegularFile(p)) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * The real path of an existing config, for streaming; a 404 when there is none, a 400 for a link
   * out of the folder.
   */
  Path existing(String name) throws IOException {
    return Confinement.requireFileUnder(dir, dir.resolve(name), "Config " + name, "configs/");
  }

  /** Creates the file; an existing one is a 409 unless {@code overwrite}. */
  void create(String name, String yaml, boolean overwrite) throws IOException {
    Path target = dir.resolve(name);
    if (overwrite) {
      files.writeText(target, yaml);
      return;
    }
    if (Files.exists(target)) {
      throw conflict(name);
    }
    // Written aside, then linked into place: creating the link fails if the name was taken
    // meanwhile.
    Path staged =
        dir.resolve(
            ".staged-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + name);
    files.writeText(staged, yaml);
    try {
      try {
        Files.createLink(target, staged);
      } catch (UnsupportedOperationException e) {
        Files.move(staged, target);
      }
    } catch (FileAlreadyExistsException e) {
      throw conflict(name);
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  void update(String name, String yaml) throws IOException {
    existing(name);
    files.writeText(dir.resolve(name), yaml);
  }

  void delete(String name) throws IOException {
    try {
      Files.delete(dir.resolve(name));
    } catch (NoSuchFileException e) {
      throw ApiFailure.notFound("Config file not found");
    }
  }

  private static ApiFailure conflict(String name) {
    return ApiFailure.conflict(
        "Config " + name + " already exists; send overwrite=true to replace it");
  }
}
