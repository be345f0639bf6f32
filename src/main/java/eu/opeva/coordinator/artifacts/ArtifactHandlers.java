package eu.opeva.coordinator.artifacts;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.FileResponses;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What a job wrote: progress, result, resolved config, and the simulator's exported data. */
public final class ArtifactHandlers implements ApiRoutes {
  private final JobArtifacts artifacts;

  private final DispatchClient dispatch;

  public ArtifactHandlers(Settings config, DispatchClient dispatch, BlockingIo io) {
    this.dispatch = dispatch;
    this.artifacts = new JobArtifacts(new SharedLayout(config.storage().sharedRoot()), io);
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(GET_PROGRESS, rc -> Responses.withJobId(rc, artifacts::progress))
        .bind(GET_RESULT, rc -> Responses.withJobId(rc, id -> artifacts.result(id, status(id))))
        .bind(GET_RESOLVED_CONFIG, this::resolvedConfig)
        .bind(
            SIMULATION_DATA_INDEX,
            rc -> {
              JsonObject body = Responses.body(rc);
              Responses.json(
                  rc, artifacts.simulationIndex(body.getString(JobFields.JOB_ID), session(body)));
            })
        .bind(SIMULATION_DATA_FILE, this::simulationFile);
  }

  private void resolvedConfig(RoutingContext rc) {
    artifacts
        .resolvedConfig(Responses.path(rc, JobFields.JOB_ID))
        .onSuccess(
            file ->
                FileResponses.send(
                    rc, file, "text/yaml; charset=utf-8", "Resolved config not found"))
        .onFailure(err -> Responses.fail(rc, err));
  }

  private void simulationFile(RoutingContext rc) {
    JsonObject body = Responses.body(rc);
    artifacts
        .simulationFile(
            body.getString(JobFields.JOB_ID), body.getString("relative_path"), session(body))
        .onSuccess(
            file ->
                FileResponses.send(
                    rc,
                    file,
                    MediaTypes.of(file.getFileName().toString()),
                    "Simulation data file not found"))
        .onFailure(err -> Responses.fail(rc, err));
  }

  /** The job's status document, or null when the coordinator does not know the job. */
  private Future<JsonObject> status(String id) {
    return dispatch
        .status(id)
        .recover(
            err ->
                BusReplies.toApiFailure(err).status() == 404
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(err));
  }

  /** The requested session; none given is the latest one. */
  private static String session(JsonObject body) {
    return body.containsKey("session") ? body.getString("session") : SimulationSessions.LATEST;
  }
}
