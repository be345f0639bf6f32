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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Experiment configs in {@code configs/}: create, list, get, update, delete. */
public final class ExperimentHandlers implements ApiRoutes {
  private static final String FILE_NAME = "file_name";
  private static final String YAML = "yaml_content";
  private final ExperimentConfigs configs;

  public ExperimentHandlers(Settings config, BlockingIo io) {
    this.configs =
        new ExperimentConfigs(
            io,
            new ExperimentFiles(
                new SharedLayout(config.storage().sharedRoot()).configs(),
                new JsonFiles(config.storage().fsync())),
            new ConfigYaml(io.vertx(), config.experiments().configMaxBytes()));
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(CREATE_EXPERIMENT_CONFIG, this::create)
        .bind(LIST_EXPERIMENT_CONFIGS, rc -> Responses.json(rc, configs.list()))
        .bind(GET_EXPERIMENT_CONFIG, this::get)
        .bind(
            UPDATE_EXPERIMENT_CONFIG,
            rc ->
                Responses.json(
                    rc,
                    configs.update(
                        Responses.path(rc, FILE_NAME), Responses.body(rc).getString(YAML))))
        .bind(
            DELETE_EXPERIMENT_CONFIG,
            rc -> Responses.json(rc, configs.delete(Responses.path(rc, FILE_NAME))));
  }

  private void create(RoutingContext rc) {
    JsonObject body = Responses.body(rc);
    // overwrite may be null (the contract allows it): only true replaces.
    boolean overwrite =
        Boolean.TRUE.equals(body.getValue("overwrite"))
            || Boolean.TRUE.equals(Responses.query(rc, "overwrite"));
    Responses.json(rc, configs.create(body.getString(FILE_NAME), body.getString(YAML), overwrite));
  }

  private void get(RoutingContext rc) {
    configs
        .file(Responses.path(rc, FILE_NAME))
        .onSuccess(
            path ->
                FileResponses.send(rc, path, "text/yaml; charset=utf-8", "Config file not found"))
        .onFailure(err -> Responses.fail(rc, err));
  }
}
