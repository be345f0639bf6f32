package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.JobFilter;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
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
  public void mount(RouterBuilder rb) {
    rb.getRoute("health").addHandler(rc -> rc.json(new JsonObject().put("status", "ok")));
    rb.getRoute("runSimulation")
        .addHandler(rc -> Responses.json(rc, dispatch.submit(Responses.body(rc))));
    rb.getRoute("getStatus").addHandler(rc -> Responses.withJobId(rc, dispatch::status));
    rb.getRoute("getJobInfo").addHandler(rc -> Responses.withJobId(rc, this::jobInfo));
    rb.getRoute("listJobs").addHandler(this::listJobs);
    rb.getRoute("listQueue").addHandler(rc -> Responses.json(rc, dispatch.queue()));
    rb.getRoute("stopJob").addHandler(rc -> Responses.withJobId(rc, dispatch::stop));
    rb.getRoute("deleteJob").addHandler(rc -> Responses.withJobId(rc, dispatch::delete));
    rb.getRoute("rerunJob")
        .addHandler(rc -> Responses.withJobId(rc, id -> dispatch.rerun(id, Responses.body(rc))));
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
