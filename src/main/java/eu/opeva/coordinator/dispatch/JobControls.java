package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Stop and delete requests from users, and the recoveries the monitor asks for. */
final class JobControls {
  private final Dispatcher d;

  JobControls(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  Future<JsonObject> stop(String jobId, String reason, boolean byOps) {
    return stop(jobId, reason, byOps, null);
  }

  /**
   * The {@code /stop} logic; {@code audit} (operator actions) is recorded in the status written.
   */
  Future<JsonObject> stop(String jobId, String reason, boolean byOps, JsonObject audit) {
    JobEntry e = d.registry.get(jobId);
    if (e == null) {
      throw ApiFailure.notFound(byOps ? "Job " + jobId + " not found" : "Job not found");
    }
    JobStatus status = e.status();
    String why = reason == null || reason.isBlank() ? "stop_requested" : reason;
    String worker = e.workerId();
    if (status.isWaiting()) {
      JsonObject extras = new JsonObject().put("error", why);
      if (audit != null) {
        extras.mergeIn(audit);
      }
      if (byOps) {
        extras.put("canceled_by_ops", true);
      }
      JsonObject doc = d.transition(e, JobStatus.CANCELED, extras, null);
      return d.store.dequeue(jobId, worker, doc).map(message("Job canceled from queue"));
    }
    if (status == JobStatus.DISPATCHED || status == JobStatus.RUNNING) {
      JsonObject extras = new JsonObject().put("stop_requested", true).put("stop_reason", why);
      if (audit != null) {
        extras.mergeIn(audit);
      }
      if (byOps) {
        extras.put("stopped_by_ops", true);
      }
      JsonObject doc =
          d.transition(e, JobStatus.STOP_REQUESTED, extras, x -> x.json().put("stop_reason", why));
      return d.store
          .dequeue(jobId, worker, doc)
          .map(message("Stop requested; worker should terminate the job"));
    }
    if (status == JobStatus.STOP_REQUESTED) {
      return Future.succeededFuture(message("Stop already requested"));
    }
    if (status.isTerminal()) {
      return Future.succeededFuture(message("Job already finished (" + status.wire() + ")"));
    }
    return Future.succeededFuture(message("Job is " + status.wire() + "; nothing to stop"));
  }

  Future<JsonObject> delete(String jobId) {
    JobEntry e = d.registry.get(jobId);
    if (e == null) {
      throw ApiFailure.notFound("Job not found or already deleted");
    }
    String freed = e.status().isActive() ? e.slotHost() : null;
    d.registry.remove(jobId);
    d.queue.remove(jobId);
    if (freed != null) {
      d.vertx.runOnContext(v -> d.serveWaiting(freed));
    }
    return d.store
        .deleteJob(jobId, e.workerId())
        .map(message("Job " + jobId + " deleted successfully"))
        .recover(err -> Future.failedFuture(new ApiFailure(500, "Failed to delete job")));
  }

  /**
   * A recovery decided by the monitor. Applied only if the job is still in the state and attempt
   * the monitor saw, so a report that arrived in between always wins.
   */
  Future<JsonObject> recover(JsonObject r) {
    JobEntry e = d.registry.get(r.getString("job_id"));
    if (e == null
        || !e.status().wire().equals(r.getString("status"))
        || e.attempt() != r.getInteger("attempt", -1)) {
      return Future.succeededFuture(new JsonObject().put("applied", false));
    }
    JsonObject extras = r.getJsonObject("extras", new JsonObject());
    String lastHost = e.targetHost();
    if ("requeue".equals(r.getString("action"))) {
      String preferred = e.preferredHost() != null ? e.preferredHost() : lastHost;
      Boolean require = e.json().getBoolean("require_host");
      extras.put("requeued_from", lastHost).put("preferred_host", preferred);
      return d.requeue(e, preferred, require != null ? require : preferred != null, extras)
          .map(new JsonObject().put("applied", true));
    }
    String worker = e.workerId();
    JsonObject doc =
        d.transition(
            e,
            JobStatus.FAILED,
            extras.put("last_host", lastHost),
            x -> x.json().put("error", extras.getString("error")).put("last_host", lastHost));
    return d.store.dequeue(e.jobId(), worker, doc).map(new JsonObject().put("applied", true));
  }

  private static JsonObject message(String text) {
    return new JsonObject().put("message", text);
  }
}
