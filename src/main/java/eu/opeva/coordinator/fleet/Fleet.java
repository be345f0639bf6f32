package eu.opeva.coordinator.fleet;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.QueueHint;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.protocol.Heartbeat;
import eu.opeva.coordinator.protocol.HeartbeatReply;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.NextJobRequest;
import eu.opeva.coordinator.protocol.StatusReport;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * The workers as the coordinator sees them: which may talk to it, what a poll, a status report and
 * a heartbeat do (through dispatch and the monitor), and the hosts view.
 */
final class Fleet {
  private final Settings config;
  private final DispatchClient dispatch;
  private final MonitorClient monitor;
  private final Clock clock;
  private final QueueHint queueHint;
  private final AgentFields fields;

  Fleet(
      Settings config,
      DispatchClient dispatch,
      MonitorClient monitor,
      Clock clock,
      QueueHint queueHint) {
    this.config = config;
    this.dispatch = dispatch;
    this.monitor = monitor;
    this.clock = clock;
    this.queueHint = queueHint;
    this.fields = new AgentFields(config.http().agentFieldMaxBytes());
  }

  /**
   * Worker ids must be configured hosts: anyone else is refused with 403 on every agent endpoint.
   */
  void requireKnown(String worker) {
    if (!config.hosts().isKnown(worker)) {
      throw new ApiFailure(
          403,
          "Unknown worker_id '"
              + worker
              + "'. Allowed: "
              + new JsonArray(config.hosts().available()).encode());
    }
  }

  /** Whether a poll that does not wait can be answered "no job" without asking dispatch. */
  boolean surelyNoJob(NextJobRequest request) {
    String worker = request.workerId();
    return request.waitSeconds() == 0
        && !queueHint.mayHaveWorkFor(worker, config.hosts().settingsOf(worker).pinnedOnly());
  }

  /** The next job for the worker ({@code {"job": ...}}, the job null when there is none). */
  Future<JsonObject> nextJob(NextJobRequest request, String waitId) {
    return dispatch.nextJob(request, waitId);
  }

  /** The poller left before its wait ended. */
  void cancelWait(String waitId) {
    dispatch.cancelWait(waitId);
  }

  /** A job was given to a poller that had already left: dispatch takes it back. */
  void undeliverable(JsonObject job) {
    JobPayload payload = JobPayload.fromJson(job);
    dispatch.undeliverable(payload.jobId(), payload.attempt());
  }

  /**
   * A status report; one from a known worker also counts as its heartbeat. {@code actingAs} gives
   * the worker the report is made as (a token's worker, which fills in a missing {@code worker_id},
   * or a 403 when the body names another); {@code verified}: that worker was proven. Its {@code
   * details} and {@code error} are bounded ({@link AgentFields}).
   */
  Future<JsonObject> report(
      JsonObject body, boolean verified, java.util.function.UnaryOperator<String> actingAs) {
    fields.require(JobFields.DETAILS, body.getValue(JobFields.DETAILS));
    fields.require(JobFields.ERROR, body.getValue(JobFields.ERROR));
    StatusReport report = StatusReport.fromJson(body);
    String worker = actingAs.apply(report.workerId());
    if (worker != null) {
      requireKnown(worker);
      monitor.touch(worker, report.details());
    }
    JsonObject forwarded = body;
    if (verified) {
      forwarded = body.copy().put(JobFields.WORKER_ID, worker).put(DispatchClient.VERIFIED, true);
    }
    return dispatch.report(forwarded);
  }

  /** Records the heartbeat; the reply lists the worker's jobs that have a stop request. */
  Future<JsonObject> heartbeat(Heartbeat heartbeat) {
    requireKnown(heartbeat.workerId());
    fields.require("info", heartbeat.info());
    return monitor
        .heartbeat(heartbeat)
        .compose(v -> dispatch.stopRequests(heartbeat.workerId()))
        .map(ids -> new HeartbeatReply(ids).toJson());
  }

  /** {@code GET /hosts}. */
  Future<JsonObject> hosts() {
    return monitor
        .hosts()
        .compose(
            hb ->
                dispatch
                    .active()
                    .map(active -> HostsView.build(config, hb, active, clock.millis())));
  }
}
