package eu.opeva.coordinator.experiments;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.FileResponses;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Experiment configs in {@code configs/}: create, list, get, update, delete. */
public final class ExperimentHandlers implements ApiRoutes {
  private final BlockingIo io;
  private final ExperimentFiles configs;

  public ExperimentHandlers(Settings config, BlockingIo io) {
    this.io = io;
    this.configs =
        new ExperimentFiles(
            new SharedLayout(config.storage().sharedRoot()).configs(),
            new JsonFiles(config.storage().fsync()));
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(CREATE_EXPERIMENT_CONFIG, this::createConfig);
    api.bind(
        LIST_EXPERIMENT_CONFIGS,
        rc -> Responses.json(rc, io.run(() -> new JsonArray(configs.list()))));
    api.bind(GET_EXPERIMENT_CONFIG, this::getConfig);
    api.bind(UPDATE_EXPERIMENT_CONFIG, this::updateConfig);
    api.bind(DELETE_EXPERIMENT_CONFIG, this::deleteConfig);
  }

  private void createConfig(RoutingContext rc) {
    JsonObject body = Responses.body(rc);
    boolean overwrite =
        body.getBoolean("overwrite", false)
            || Boolean.TRUE.equals(Responses.query(rc, "overwrite"));
    Responses.json(
        rc,
        named(
            body.getString("file_name"),
            name ->
                io.run(
                    () -> {
                      configs.create(name, body.getString("yaml_content"), overwrite);
                      return new JsonObject().put("message", "Config saved").put("file", name);
                    })));
  }

  private void getConfig(RoutingContext rc) {
    Future<java.nio.file.Path> file =
        named(Responses.path(rc, "file_name"), name -> io.run(() -> configs.existing(name)));
    file.onSuccess(
            path ->
                FileResponses.send(rc, path, "text/yaml; charset=utf-8", "Config file not found"))
        .onFailure(err -> Responses.fail(rc, err));
  }

  private void updateConfig(RoutingContext rc) {
    String yaml = Responses.body(rc).getString("yaml_content");
    Responses.json(
        rc,
        named(
            Responses.path(rc, "file_name"),
            name ->
                io.run(
                    () -> {
                      configs.update(name, yaml);
                      return new JsonObject().put("message", "Config updated").put("file", name);
                    })));
  }

  private void deleteConfig(RoutingContext rc) {
    Responses.json(
        rc,
        named(
            Responses.path(rc, "file_name"),
            name ->
                io.run(
                    () -> {
                      configs.delete(name);
                      return new JsonObject()
                          .put("message", "Config " + name + " deleted successfully");
                    })));
  }

  private static <T> Future<T> named(
      String name, java.util.function.Function<String, Future<T>> op) {
    try {
      return op.apply(ExperimentNames.require(name));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
