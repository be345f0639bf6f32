package eu.opeva.coordinator.experiments;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The experiment configs of {@code configs/}: names are checked first (a 400 for an unsafe one),
 * the text is checked and parsed on the YAML pool (a 413 over the size limit, a 422 when it does
 * not parse or is not a mapping), then the file work runs on the I/O pool; answers say what was
 * done.
 */
final class ExperimentConfigs {
  private final BlockingIo io;
  private final ExperimentFiles files;
  private final ConfigYaml yaml;

  ExperimentConfigs(BlockingIo io, ExperimentFiles files, ConfigYaml yaml) {
    this.io = io;
    this.files = files;
    this.yaml = yaml;
  }

  Future<JsonArray> list() {
    return io.run(() -> new JsonArray(files.list()));
  }

  /** Saves a new config; an existing one is a 409 unless {@code overwrite}. */
  Future<JsonObject> create(String name, String yaml, boolean overwrite) {
    return named(
        name,
        checked ->
            validated(yaml)
                .compose(
                    v ->
                        io.run(
                            () -> {
                              files.create(checked, yaml, overwrite);
                              return new JsonObject()
                                  .put("message", "Config saved")
                                  .put("file", checked);
                            })));
  }

  /** The real path of an existing config, for streaming; a 404 when there is none. */
  Future<Path> file(String name) {
    return named(name, checked -> io.run(() -> files.existing(checked)));
  }

  Future<JsonObject> update(String name, String yaml) {
    return named(
        name,
        checked ->
            validated(yaml)
                .compose(
                    v ->
                        io.run(
                            () -> {
                              files.update(checked, yaml);
                              return new JsonObject()
                                  .put("message", "Config updated")
                                  .put("file", checked);
                            })));
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

  /** The text parses as a YAML mapping; the replaced service answered 422 when it did not. */
  private Future<Void> validated(String text) {
    return yaml.parse(text, "yaml_content")
        .recover(
            err ->
                Future.failedFuture(
                    err instanceof ApiFailure f && f.status() == Yaml.SYNTAX
                        ? new ApiFailure(Yaml.SYNTAX, "Invalid YAML: " + f.getMessage())
                        : err))
        .map(
            parsed -> {
              if (!(parsed instanceof JsonObject)) {
                throw new ApiFailure(
                    Yaml.SYNTAX, "Invalid config: the document must be a YAML mapping of settings");
              }
              return null;
            });
  }

  private static <T> Future<T> named(String name, Function<String, Future<T>> op) {
    try {
      return op.apply(ExperimentNames.require(name));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
