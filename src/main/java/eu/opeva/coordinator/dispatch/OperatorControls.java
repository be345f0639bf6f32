package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Operator repairs of single jobs: requeue, fail, cancel. Every action records who did it and why
 * ({@code ops_action}, {@code ops_by}, {@code ops_reason}, {@code ops_at}) in the job's status.
 * States an action does not apply to get a 409 naming the way out ({@code force}), never a 500.
 */
final class OperatorControls {
  static final List<String> INFO_RUNTIME_FIELDS =
      List.of("container_id", "container_name", "exit_code", "error", "details", "target_host");

  private final Dispatcher d;

  OperatorControls(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  Future<JsonObject> requeue(String jobId, JsonObject body) {
    JobEntry e = require(jobId);
    boolean force = body.getBoolean("force", false);
    String host = blankToNull(body.getString("preferred_host"));
    if (host != null && !d.config.hosts().isKnown(host)) {
      throw ApiFailure.badRequest(
          "Unknown host '"
              + host
              + "'. Allowed: "
              + new JsonArray(d.config.hosts().available()).encode());
    }
    JobStatus s = e.status();
    if (!force) {
      if (s == JobStatus.FINISHED) {
        throw ApiFailure.conflict("Finished jobs require force to requeue");
      }
      if (s == JobStatus.RUNNING || s == JobStatus.STOP_REQUESTED) {
        throw ApiFailure.conflict("Job is " + s.wire() + "; stop it first or use force to requeue");
      }
      if (s == JobStatus.UNKNOWN || s == JobStatus.NOT_FOUND) {
        throw ApiFailure.conflict("Job is " + s.wire() + "; use force to requeue");
      }
    }
    String preferred =
        host != null ? host : e.preferredHost() != null ? e.preferredHost() : e.targetHost();
    Boolean requested = body.getBoolean("require_host");
    Boolean stored = e.json().getBoolean("require_host");
    boolean require = requested != null ? requested : stored != null ? stored : preferred != null;
    JsonObject extras =
        audit("requeue", body, "ops_requeue")
            .put("requeued_by_ops", true)
            .put("force", force)
            .put("requeued_from", e.targetHost())
            .put("preferred_host", preferred);
    Future<Void> written = d.requeue(e, preferred, require, extras);
    d.store.updateJobInfo(
        jobId,
        info -> {
          INFO_RUNTIME_FIELDS.forEach(info::remove);
          return info;
        });
    return written.map(result(jobId, "Job requeued", JobStatus.QUEUED));
  }

  Future<JsonObject> fail(String jobId, JsonObject body) {
    JobEntry e = require(jobId);
    boolean force = body.getBoolean("force", false);
    JobStatus s = e.status();
    if (!force) {
      if (s.isTerminal()) {
        throw ApiFailure.conflict("Job already terminal (" + s.wire() + ")");
      }
      if (s.isWaiting()) {
        throw ApiFailure.conflict("Job is " + s.wire() + "; use cancel or force to fail");
      }
      if (!s.isActive()) {
        throw ApiFailure.conflict("Job is " + s.wire() + "; use force to fail");
      }
    }
    String reason = reason(body, "ops_failed");
    JsonObject extras =
        audit("fail", body, "ops_failed")
            .put("error", reason)
            .put("failed_by_ops", true)
            .put("force", force)
            .put("terminate_requested", s.isActive());
    return end(e, JobStatus.FAILED, reason, extras)
        .map(result(jobId, "Job failed", JobStatus.FAILED));
  }

  Future<JsonObject> cancel(String jobId, JsonObject body) {
    JobEntry e = require(jobId);
    boolean force = body.getBoolean("force", false);
    JobStatus s = e.status();
    if (!force) {
      if (s.isTerminal()) {
        throw ApiFailure.conflict("Job already terminal (" + s.wire() + ")");
      }
      if (!s.isWaiting() && !s.isActive()) {
        throw ApiFailure.conflict("Job is " + s.wire() + "; use force to cancel");
      }
    }
    String reason = reason(body, "ops_canceled");
    JsonObject extras =
        audit("cancel", body, "ops_canceled")
            .put("error", reason)
            .put("canceled_by_ops", true)
            .put("force", force);
    return end(e, JobStatus.CANCELED, reason, extras)
        .map(result(jobId, "Job canceled", JobStatus.CANCELED));
  }

  /**
   * Ends a job on the operator's word; its worker's next report is refused, so the agent drops it.
   */
  private Future<Void> end(JobEntry e, JobStatus to, String reason, JsonObject extras) {
    String worker = e.workerId();
    JsonObject doc = d.transition(e, to, extras, x -> x.json().put("error", reason));
    return d.store.dequeue(e.jobId(), worker, doc);
  }

  /** The audit fields every operator action writes into the job's status. */
  JsonObject audit(String action, JsonObject body, String defaultReason) {
    String by = blankToNull(body.getString("operator"));
    return new JsonObject()
        .put("ops_action", action)
        .put("ops_by", by == null ? "unknown" : by)
        .put("ops_reason", reason(body, defaultReason))
        .put("ops_at", d.now());
  }

  private JobEntry require(String jobId) {
    JobEntry e = d.registry.get(jobId);
    if (e == null) {
      throw ApiFailure.notFound("Job " + jobId + " not found");
    }
    return e;
  }

  private static JsonObject result(String jobId, String message, JobStatus status) {
    return new JsonObject()
        .put("message", message)
        .put("job_id", jobId)
        .put("status", status.wire());
  }

  private static String reason(JsonObject body, String fallback) {
    String r = blankToNull(body.getString("reason"));
    return r == null ? fallback : r;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
