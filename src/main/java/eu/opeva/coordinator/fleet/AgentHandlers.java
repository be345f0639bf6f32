package eu.opeva.coordinator.fleet;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.QueueHint;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.protocol.Heartbeat;
import eu.opeva.coordinator.protocol.HeartbeatReply;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.NextJobRequest;
import eu.opeva.coordinator.protocol.StatusReport;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.UUID;

/** The agent protocol: poll (optionally long), report status, heartbeat. */
public final class AgentHandlers implements ApiRoutes {
  private final Settings config;
  private final DispatchClient dispatch;
  private final MonitorClient monitor;
  private final Clock clock;
  private final QueueHint queueHint;

  public AgentHandlers(
      Settings config,
      DispatchClient dispatch,
      MonitorClient monitor,
      Clock clock,
      QueueHint queueHint) {
    this.queueHint = queueHint;
    this.clock = clock;
    this.config = config;
    this.dispatch = dispatch;
    this.monitor = monitor;
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(AGENT_NEXT_JOB, this::nextJob);
    api.bind(AGENT_JOB_STATUS, this::jobStatus);
    api.bind(AGENT_HEARTBEAT, this::heartbeat);
    api.bind(
        LIST_HOSTS,
        rc ->
            Responses.json(
                rc,
                monitor
                    .hosts()
                    .compose(
                        hb ->
                            dispatch
                                .active()
                                .map(
                                    active ->
                                        HostsView.build(config, hb, active, clock.millis())))));
  }

  private void nextJob(RoutingContext rc) {
    NextJobRequest request = NextJobRequest.fromJson(Responses.body(rc));
    String worker = request.workerId();
    if (!known(rc, worker)) {
      return;
    }
    double wait = request.waitSeconds();
    if (wait == 0
        && !queueHint.mayHaveWorkFor(worker, config.hosts().settingsOf(worker).pinnedOnly())) {
      rc.response().setStatusCode(204).end();
      return;
    }
    String waitId = UUID.randomUUID().toString();
    if (wait > 0) {
      rc.response().closeHandler(v -> dispatch.cancelWait(waitId));
    }
    dispatch
        .nextJob(request, waitId)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Responses.fail(rc, ar.cause());
                return;
              }
              JsonObject job = ar.result().getJsonObject("job");
              if (rc.response().closed() || rc.response().ended()) {
                if (job != null) {
                  JobPayload payload = JobPayload.fromJson(job);
                  dispatch.undeliverable(payload.jobId(), payload.attempt());
                }
              } else if (job == null) {
                rc.response().setStatusCode(204).end();
              } else {
                rc.json(job);
              }
            });
  }

  private void jobStatus(RoutingContext rc) {
    JsonObject body = Responses.body(rc);
    StatusReport report = StatusReport.fromJson(body);
    String worker = report.workerId();
    if (worker != null && !known(rc, worker)) {
      return;
    }
    if (worker != null) {
      monitor.touch(worker, report.details());
    }
    Responses.json(rc, dispatch.report(body));
  }

  private void heartbeat(RoutingContext rc) {
    Heartbeat heartbeat = Heartbeat.fromJson(Responses.body(rc));
    if (!known(rc, heartbeat.workerId())) {
      return;
    }
    Responses.json(
        rc,
        monitor
            .heartbeat(heartbeat)
            .compose(v -> dispatch.stopRequests(heartbeat.workerId()))
            .map(ids -> new HeartbeatReply(ids).toJson()));
  }

  /**
   * Worker ids must be configured hosts: anyone else is refused with 403 on every agent endpoint.
   */
  private boolean known(RoutingContext rc, String worker) {
    if (config.hosts().isKnown(worker)) {
      return true;
    }
    Responses.error(
        rc,
        403,
        "Unknown worker_id '"
            + worker
            + "'. Allowed: "
            + new JsonArray(config.hosts().available()).encode());
    return false;
  }
}
