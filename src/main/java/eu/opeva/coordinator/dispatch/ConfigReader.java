package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.experiments.Yaml;
import eu.opeva.coordinator.storage.SharedLayout;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads experiment configs for submissions and re-runs. Blocking: call on the I/O pool. */
final class ConfigReader {
  /** A config as read: the exact text (kept as the job's snapshot) and its parsed value. */
  record Loaded(String text, Object parsed) {}

  private final SharedLayout layout;

  ConfigReader(SharedLayout layout) {
    this.layout = layout;
  }

  /** {@code configs/<rel>}, or a 404 / 400 naming it. */
  Loaded read(String rel) throws Exception {
    Path file = layout.configs().resolve(rel);
    try {
      if (!Files.isRegularFile(file)) {
        throw ApiFailure.notFound("Config " + rel + " not found");
      }
      return parse(Files.readString(file), "Invalid YAML in " + rel + ": ");
    } catch (NoSuchFileException e) {
      throw ApiFailure.notFound("Config " + rel + " not found");
    } catch (CharacterCodingException e) {
      throw ApiFailure.badRequest("Config " + rel + " is not UTF-8 text");
    }
  }

  /** A job's own config snapshot, or null when it has none. */
  Loaded snapshot(String jobId) throws Exception {
    Path file = layout.configSnapshotFile(jobId);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String text = Files.readString(file);
    try {
      return new Loaded(text, Yaml.parse(text));
    } catch (ApiFailure e) {
      throw ApiFailure.conflict(
          "The config snapshot of job " + jobId + " is not valid YAML: " + e.getMessage());
    }
  }

  private static Loaded parse(String text, String prefix) {
    try {
      return new Loaded(text, Yaml.parse(text));
    } catch (ApiFailure e) {
      throw ApiFailure.badRequest(prefix + e.getMessage());
    }
  }
}
