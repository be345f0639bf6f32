package eu.opeva.coordinator.cli;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.experiments.Yaml;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Local files named on the command line; any problem with one is a usage error naming it. */
final class LocalFiles {
  private static final long MAX_BYTES = 8L << 20;

  private LocalFiles() {}

  /** The text of a UTF-8 file of at most 8 MiB. */
  static String text(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw CliException.usage(file + ": is a folder, not a file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw CliException.usage(file + ": larger than 8 MiB");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw CliException.usage(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw CliException.usage(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw CliException.usage(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** A YAML (or JSON) file whose document is a mapping. */
  static JsonObject mapping(Path file) {
    Object doc;
    try {
      doc = Yaml.parse(text(file), MAX_BYTES);
    } catch (ApiFailure e) {
      throw CliException.usage(file + ": " + e.getMessage());
    }
    if (doc instanceof JsonObject o) {
      return o;
    }
    throw CliException.usage(file + ": the document is not a mapping of keys to values");
  }
}
