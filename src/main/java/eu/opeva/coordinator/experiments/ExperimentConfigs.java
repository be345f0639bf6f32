package eu.opeva.coordinator.experiments;

import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The experiment configs of {@code configs/}: names are checked first (a 400 for an unsafe one),
 * then the file work runs on the I/O pool; answers say what was done.
 */
final class ExperimentConfigs {
  private final BlockingIo io;
  private final ExperimentFiles files;

  ExperimentConfigs(BlockingIo io, ExperimentFiles files) {
    this.io = io;
    this.files = files;
  }

  Future<JsonArray> list() {
    return io.run(() -> new JsonArray(files.list()));
  }

  /** Saves a new config; an existing one is a 409 unless {@code overwrite}. */
  Future<JsonObject> create(String name, String yaml, boolean overwrite) {
    return named(
        name,
        checked ->
            io.run(
                () -> {
                  files.create(checked, yaml, overwrite);
                  return new JsonObject().put("message", "Config saved").put("file", checked);
                }));
  }

  /** The real path of an existing config, for streaming; a 404 when there is none. */
  Future<Path> file(String name) {
    return named(name, checked -> io.run(() -> files.existing(checked)));
  }

  Future<JsonObject> update(String name, String yaml) {
    return named(
        name,
        checked ->
            io.run(
                () -> {
                  files.update(checked, yaml);
                  return new JsonObject().put("message", "Config updated").put("file", checked);
                }));
  }

  Future<JsonObject> delete(String name) {
    return named(
        name,
        checked ->
            io.run(
                () -> {
                  files.delete(checked);
                  return new JsonObject()
                      .put("message", "Config " + checked + " deleted successfully");
                }));
  }

  private static <T> Future<T> named(String name, Function<String, Future<T>> op) {
    try {
      return op.apply(ExperimentNames.require(name));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
