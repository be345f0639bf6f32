package eu.opeva.coordinator.artifacts;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.FileResponses;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/** What a job wrote: progress, result, resolved config, and the simulator's exported data. */
public final class ArtifactHandlers implements ApiRoutes {
  private final SharedLayout layout;
  private final BlockingIo io;
  private final SimulationData simulationData;

  public ArtifactHandlers(Settings config, BlockingIo io) {
    this.layout = new SharedLayout(config.storage().sharedRoot());
    this.io = io;
    this.simulationData = new SimulationData(layout);
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(GET_PROGRESS, rc -> Responses.withJobId(rc, this::progress));
    api.bind(
        GET_RESULT,
        rc -> Responses.withJobId(rc, id -> io.run(() -> ResultView.of(id, layout.jobDir(id)))));
    api.bind(GET_RESOLVED_CONFIG, this::resolvedConfig);
    api.bind(
        SIMULATION_DATA_INDEX,
        rc -> {
          JsonObject body = Responses.body(rc);
          String id = body.getString(JobFields.JOB_ID);
          Responses.json(
              rc, checked(id).compose(v -> io.run(() -> simulationData.index(id, session(body)))));
        });
    api.bind(SIMULATION_DATA_FILE, this::simulationFile);
  }

  private Future<Object> progress(String id) {
    Path jobDir = layout.jobDir(id);
    return io.run(
        () ->
            JobJson.read(
                    jobDir, jobDir.resolve("progress").resolve("progress.json"), "progress.json")
                .orElse(new JsonObject().put("progress", "No updates yet.")));
  }

  private void resolvedConfig(RoutingContext rc) {
    String id = Responses.path(rc, JobFields.JOB_ID);
    checked(id)
        .compose(
            v ->
                io.run(
                    () ->
                        Confinement.regularFileUnder(
                                layout.jobDir(id), layout.resolvedConfigFile(id))
                            .orElseThrow(() -> ApiFailure.notFound("Resolved config not found"))))
        .onSuccess(
            file ->
                FileResponses.send(
                    rc, file, "text/yaml; charset=utf-8", "Resolved config not found"))
        .onFailure(err -> Responses.fail(rc, err));
  }

  private void simulationFile(RoutingContext rc) {
    JsonObject body = Responses.body(rc);
    String id = body.getString(JobFields.JOB_ID);
    checked(id)
        .compose(
            v ->
                io.run(
                    () -> simulationData.file(id, body.getString("relative_path"), session(body))))
        .onSuccess(
            file ->
                FileResponses.send(
                    rc,
                    file,
                    MediaTypes.of(file.getFileName().toString()),
                    "Simulation data file not found"))
        .onFailure(err -> Responses.fail(rc, err));
  }

  private static String session(JsonObject body) {
    return body.containsKey("session") ? body.getString("session") : SimulationSessions.LATEST;
  }

  private static Future<Void> checked(String id) {
    return SafeNames.isJobId(id)
        ? Future.succeededFuture()
        : Future.failedFuture(ApiFailure.badRequest("Invalid job_id"));
  }
}
