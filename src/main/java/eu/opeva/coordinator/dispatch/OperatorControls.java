package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.PREFERRED_HOST;
import static eu.opeva.coordinator.domain.JobFields.REQUIRE_HOST;
import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.domain.StatusNote.OpsAudit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Operator repairs of single jobs: requeue, fail, cancel, stop. Every action records who did it and
 * why ({@code ops_action}, {@code ops_by}, {@code ops_reason}, {@code ops_at}) in the job's status.
 * States an action does not apply to get a 409 naming the way out ({@code force}), never a 500.
 */
final class OperatorControls {
  static final String REASON = JobFields.REASON;
  static final String FORCE = "force";
  static final String OPERATOR = "operator";

  private final Dispatcher d;
  private final JobControls controls;

  OperatorControls(Dispatcher dispatcher, JobControls controls) {
    this.d = dispatcher;
    this.controls = controls;
  }

  Future<JsonObject> act(String action, String jobId, JsonObject body) {
    d.require(jobId);
    return switch (action) {
      case "requeue" -> requeue(jobId, body);
      case "fail" -> fail(jobId, body);
      case "cancel" -> cancel(jobId, body);
      case "stop" ->
          controls.stop(jobId, reason(body, "ops_stop"), audit("stop", body, "ops_stop"));
      default -> throw ApiFailure.badRequest("Unknown action");
    };
  }

  private Future<JsonObject> requeue(String jobId, JsonObject body) {
    boolean force = Boolean.TRUE.equals(body.getBoolean(FORCE));
    String host = Submissions.blankToNull(body.getString(PREFERRED_HOST));
    if (host != null && !d.config.hosts().isKnown(host)) {
      throw ApiFailure.badRequest(
          "Unknown host '"
              + host
              + "'. Allowed: "
              + new JsonArray(d.config.hosts().available()).encode());
    }
    OpsAudit audit = audit("requeue", body, "ops_requeue");
    return d.change(
            jobId,
            job -> {
              JobStatus s = job.status();
              if (!force) {
                if (s == JobStatus.FINISHED) {
                  throw ApiFailure.conflict("Finished jobs require force to requeue");
                }
                if (s == JobStatus.RUNNING || s == JobStatus.STOP_REQUESTED) {
                  throw ApiFailure.conflict(
                      "Job is " + s.wire() + "; stop it first or use force to requeue");
                }
                if (s == JobStatus.UNKNOWN || s == JobStatus.NOT_FOUND) {
                  throw ApiFailure.conflict("Job is " + s.wire() + "; use force to requeue");
                }
                if (s == JobStatus.WAITING) {
                  throw ApiFailure.conflict(
                      "Job is waiting for its dependencies; use force to queue it without them");
                }
              }
              String target = job.placement().targetHost();
              String preferred =
                  host != null
                      ? host
                      : job.placement().preferredHost() != null
                          ? job.placement().preferredHost()
                          : target;
              Boolean requested = body.getBoolean(REQUIRE_HOST);
              boolean require = requested != null ? requested : job.placement().requireHost();
              StatusNote note =
                  StatusNote.of(Mark.REQUEUED_BY_OPS).requeuedFrom(target).byOperator(audit, force);
              return job.change(d.now()).requeue(preferred, require, note, "ops_requeue");
            })
        .map(job -> result(jobId, "Job requeued", job));
  }

  private Future<JsonObject> fail(String jobId, JsonObject body) {
    boolean force = Boolean.TRUE.equals(body.getBoolean(FORCE));
    String reason = reason(body, "ops_failed");
    OpsAudit audit = audit("fail", body, "ops_failed");
    return d.change(
            jobId,
            job -> {
              JobStatus s = job.status();
              if (!force) {
                if (s.isTerminal()) {
                  throw ApiFailure.conflict("Job already terminal (" + s.wire() + ")");
                }
                if (s.isQueued() || s == JobStatus.WAITING) {
                  throw ApiFailure.conflict("Job is " + s.wire() + "; use cancel or force to fail");
                }
                if (!s.isActive()) {
                  throw ApiFailure.conflict("Job is " + s.wire() + "; use force to fail");
                }
              }
              StatusNote note = StatusNote.of(Mark.FAILED_BY_OPS).byOperator(audit, force);
              return job.change(d.now())
                  .end(
                      JobStatus.FAILED,
                      reason,
                      s.isActive() ? note.with(Mark.TERMINATE_REQUESTED) : note,
                      true);
            })
        .map(job -> result(jobId, "Job failed", job));
  }

  private Future<JsonObject> cancel(String jobId, JsonObject body) {
    boolean force = Boolean.TRUE.equals(body.getBoolean(FORCE));
    String reason = reason(body, "ops_canceled");
    OpsAudit audit = audit("cancel", body, "ops_canceled");
    return d.change(
            jobId,
            job -> {
              JobStatus s = job.status();
              if (!force) {
                if (s.isTerminal()) {
                  throw ApiFailure.conflict("Job already terminal (" + s.wire() + ")");
                }
                if (!s.isQueued() && !s.isActive() && s != JobStatus.WAITING) {
                  throw ApiFailure.conflict("Job is " + s.wire() + "; use force to cancel");
                }
              }
              StatusNote note = StatusNote.of(Mark.CANCELED_BY_OPS).byOperator(audit, force);
              return job.change(d.now()).end(JobStatus.CANCELED, reason, note, true);
            })
        .map(job -> result(jobId, "Job canceled", job));
  }

  /** Who does an operator action, which, and why. */
  OpsAudit audit(String action, JsonObject body, String defaultReason) {
    String by = Submissions.blankToNull(body.getString(OPERATOR));
    return new OpsAudit(action, by == null ? "unknown" : by, reason(body, defaultReason), d.now());
  }

  private static JsonObject result(String jobId, String message, Job job) {
    return new JsonObject()
        .put(JobControls.MESSAGE, message)
        .put(JOB_ID, jobId)
        .put(STATUS, job.status().wire());
  }

  private static String reason(JsonObject body, String fallback) {
    String r = Submissions.blankToNull(body.getString(REASON));
    return r == null ? fallback : r;
  }
}
