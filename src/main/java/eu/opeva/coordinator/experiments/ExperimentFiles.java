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
 * Blocking work on {@code configs/}: the YAML is parsed and checked before anything is written, and
 * every write is atomic. Call only from the I/O pool; names must have passed {@link
 * ExperimentNames}.
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

  /** The real path of an existing config, for streaming; a 404 when there is none. */
  Path existing(String name) throws IOException {
    return Confinement.regularFileUnder(dir, dir.resolve(name))
        .orElseThrow(() -> ApiFailure.notFound("Config " + name + " not found"));
  }

  /** Creates the file; an existing one is a 409 unless {@code overwrite}. */
  void create(String name, String yaml, boolean overwrite) throws IOException {
    validate(yaml);
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
    validate(yaml);
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

  private static void validate(String yaml) {
    Object parsed;
    try {
      parsed = Yaml.parse(yaml);
    } catch (ApiFailure e) {
      throw new ApiFailure(422, "Invalid YAML: " + e.getMessage());
    }
    if (!(parsed instanceof io.vertx.core.json.JsonObject)) {
      throw new ApiFailure(422, "Invalid config: the document must be a YAML mapping of settings");
    }
  }

  private static ApiFailure conflict(String name) {
    return ApiFailure.conflict(
        "Config " + name + " already exists; send overwrite=true to replace it");
  }
}
