package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.experiments.ConfigYaml;
import eu.opeva.coordinator.experiments.Yaml;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads experiment configs for submissions and re-runs: the file on the storage pool (only when it
 * is really inside its folder, a link that leads out is a 400; its size checked before it is read),
 * the parsing on the YAML pool.
 */
final class ConfigReader {
  /** A config as read: the exact text (kept as the job's snapshot) and its parsed value. */
  record Loaded(String text, Object parsed) {}

  private final SharedLayout layout;
  private final BlockingIo bulk;
  private final ConfigYaml yaml;

  ConfigReader(SharedLayout layout, BlockingIo bulk, ConfigYaml yaml) {
    this.layout = layout;
    this.bulk = bulk;
    this.yaml = yaml;
  }

  /** {@code configs/<rel>}, or a 404 / 400 / 413 naming it. */
  Future<Loaded> read(String rel) {
    String what = "Config " + rel;
    return bulk.run(() -> text(layout.configs(), layout.configs().resolve(rel), what, "configs/"))
        .compose(text -> parse(text, what, "Invalid YAML in " + rel + ": ", 400));
  }

  /** A job's own config snapshot, or null when it has none. */
  Future<Loaded> snapshot(String jobId) {
    Path file = layout.configSnapshotFile(jobId);
    String what = "The config snapshot of job " + jobId;
    return bulk.<String>run(
            () ->
                Files.isRegularFile(file)
                    ? text(layout.jobDir(jobId), file, what, "its job folder")
                    : null)
        .compose(
            text ->
                text == null
                    ? Future.succeededFuture()
                    : parse(text, what, what + " is not valid YAML: ", 409));
  }

  private String text(Path root, Path file, String what, String rootName) throws IOException {
    Path real = Confinement.requireFileUnder(root, file, what, rootName);
    yaml.requireSize(Files.size(real), what);
    try {
      return Files.readString(real);
    } catch (NoSuchFileException e) {
      throw ApiFailure.notFound(what + " not found");
    } catch (CharacterCodingException e) {
      throw ApiFailure.badRequest(what + " is not UTF-8 text");
    }
  }

  private Future<Loaded> parse(String text, String what, String prefix, int syntaxStatus) {
    return yaml.parse(text, what)
        .map(parsed -> new Loaded(text, parsed))
        .recover(
            err ->
                Future.failedFuture(
                    err instanceof ApiFailure f && f.status() == Yaml.SYNTAX
                        ? new ApiFailure(syntaxStatus, prefix + f.getMessage())
                        : err));
  }
}
