package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.auth.Identity;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.JobFilter;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** Job endpoints: submit, status, info, why, listings, stop, delete, re-run. */
public final class JobHandlers implements ApiRoutes {
  private final DispatchClient dispatch;
  private final JobDetails details;
  private final JobListStream list;
  private final MonitorClient monitor;
  private final Settings config;
  private final Clock clock;
  private final SubmissionWarnings warnings;

  public JobHandlers(
      Settings config, DispatchClient dispatch, MonitorClient monitor, BlockingIo io, Clock clock) {
    this.monitor = monitor;
    this.config = config;
    this.clock = clock;
    this.warnings = new SubmissionWarnings(config, monitor, clock);
    SharedLayout layout = new SharedLayout(config.storage().sharedRoot());
    JobViews views = new JobViews(config);
    this.dispatch = dispatch;
    this.details = new JobDetails(dispatch, io, layout, views, clock::millis);
    this.list = new JobListStream(dispatch, io, views, clock::millis);
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(HEALTH, rc -> rc.json(new JsonObject().put("status", "ok")))
        .bind(RUN_SIMULATION, this::submit)
        .bind(GET_STATUS, rc -> Responses.withJobId(rc, dispatch::status))
        .bind(GET_JOB_INFO, rc -> Responses.withJobId(rc, details::info))
        .bind(LIST_JOBS, this::listJobs)
        .bind(LIST_QUEUE, rc -> Responses.json(rc, dispatch.queue()))
        .bind(GET_JOB_WHY, rc -> Responses.withJobId(rc, this::why))
        .bind(STOP_JOB, rc -> Responses.withJobId(rc, dispatch::stop))
        .bind(DELETE_JOB, rc -> Responses.withJobId(rc, dispatch::delete))
        .bind(
            RERUN_JOB,
            rc ->
                Responses.withJobId(
                    rc,
                    id ->
                        warnings.job(
                            dispatch.rerun(id, Identity.submitter(rc, Responses.body(rc))))));
  }

  private void submit(RoutingContext rc) {
    JsonObject body = Responses.body(rc);
    var empty = ConfigPresence.ofSubmission(body);
    if (!empty.isEmpty()) {
      Responses.invalid(rc, empty);
      return;
    }
    Responses.json(
        rc,
        warnings.job(dispatch.submit(Identity.submitter(rc, body), Identity.submitContext(rc))));
  }

  /** Why the job is not running: dispatch's facts joined with the hosts' last heartbeats. */
  private Future<JsonObject> why(String jobId) {
    Future<JsonObject> facts = dispatch.why(jobId);
    Future<JsonObject> hosts = monitor.hosts();
    return Future.all(facts, hosts)
        .map(v -> WhyView.build(config, facts.result(), hosts.result(), clock.millis()));
  }

  private void listJobs(RoutingContext rc) {
    Object limit = Responses.query(rc, "limit");
    Object offset = Responses.query(rc, "offset");
    list.send(
        rc,
        new JobFilter(
            (String) Responses.query(rc, JobFields.STATUS),
            (String) Responses.query(rc, "host"),
            offset instanceof Number n ? n.intValue() : 0,
            limit instanceof Number n ? n.intValue() : Integer.MAX_VALUE));
  }
}
