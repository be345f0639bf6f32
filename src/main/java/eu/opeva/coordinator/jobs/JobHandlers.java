package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.JobFilter;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** Job endpoints of the existing contract: submit, status, info, listings, stop, delete. */
public final class JobHandlers implements ApiRoutes {
  private final DispatchClient dispatch;
  private final BlockingIo io;
  private final SharedLayout layout;
  private final JobViews views;
  private final Clock clock;
  private final JobListStream list;

  public JobHandlers(Settings config, DispatchClient dispatch, BlockingIo io, Clock clock) {
    this.dispatch = dispatch;
    this.io = io;
    this.layout = new SharedLayout(config.storage().sharedRoot());
    this.views = new JobViews(config);
    this.clock = clock;
    this.list = new JobListStream(dispatch, io, layout, views, this::now);
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(HEALTH, rc -> rc.json(new JsonObject().put("status", "ok")));
    api.bind(RUN_SIMULATION, rc -> Responses.json(rc, dispatch.submit(Responses.body(rc))));
    api.bind(GET_STATUS, rc -> Responses.withJobId(rc, dispatch::status));
    api.bind(GET_JOB_INFO, rc -> Responses.withJobId(rc, this::jobInfo));
    api.bind(LIST_JOBS, this::listJobs);
    api.bind(LIST_QUEUE, rc -> Responses.json(rc, dispatch.queue()));
    api.bind(STOP_JOB, rc -> Responses.withJobId(rc, dispatch::stop));
    api.bind(DELETE_JOB, rc -> Responses.withJobId(rc, dispatch::delete));
    api.bind(
        RERUN_JOB, rc -> Responses.withJobId(rc, id -> dispatch.rerun(id, Responses.body(rc))));
  }

  private Future<JsonObject> jobInfo(String id) {
    Future<JsonObject> meta = dispatch.job(id).recover(err -> Future.succeededFuture(null));
    Future<JsonObject> info = io.run(() -> JsonFiles.readObjectOrNull(layout.jobInfoFile(id)));
    return Future.all(meta, info)
        .map(
            all -> {
              if (info.result() == null) {
                throw ApiFailure.notFound("Job info not found");
              }
              return views.jobInfo(info.result(), meta.result(), now());
            });
  }

  private void listJobs(RoutingContext rc) {
    Object limit = Responses.query(rc, "limit");
    Object offset = Responses.query(rc, "offset");
    list.send(
        rc,
        new JobFilter(
            (String) Responses.query(rc, "status"),
            (String) Responses.query(rc, "host"),
            offset instanceof Number n ? n.intValue() : 0,
            limit instanceof Number n ? n.intValue() : Integer.MAX_VALUE));
  }

  private long now() {
    return clock.millis();
  }
}
