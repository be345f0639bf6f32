package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.BusReplies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed facade over the dispatch verticle's addresses. Failures arrive as {@code ApiFailure}. */
public final class DispatchClient {
  private static final DeliveryOptions DEFAULT = new DeliveryOptions().setSendTimeout(30_000);
  private final Vertx vertx;

  public DispatchClient(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<JsonObject> submit(JsonObject body) {
    return request(DispatchAddresses.SUBMIT, body, DEFAULT);
  }

  public Future<JsonObject> rerun(String jobId, JsonObject body) {
    return request(
        DispatchAddresses.RERUN, new JsonObject().put("job_id", jobId).put("body", body), DEFAULT);
  }

  /** Waits up to {@code waitSeconds} for a job; the reply has {@code job} or is empty. */
  public Future<JsonObject> nextJob(String workerId, double waitSeconds, String waitId) {
    var options = new DeliveryOptions().setSendTimeout(Math.round(waitSeconds * 1000) + 30_000);
    return request(
        DispatchAddresses.NEXT_JOB,
        new JsonObject()
            .put("worker_id", workerId)
            .put("wait_seconds", waitSeconds)
            .put("wait_id", waitId),
        options);
  }

  public void cancelWait(String waitId) {
    vertx.eventBus().send(DispatchAddresses.CANCEL_WAIT, new JsonObject().put("wait_id", waitId));
  }

  public Future<JsonObject> undeliverable(String jobId, int attempt) {
    return request(
        DispatchAddresses.UNDELIVERABLE,
        new JsonObject().put("job_id", jobId).put("attempt", attempt),
        DEFAULT);
  }

  public Future<JsonObject> report(JsonObject report) {
    return request(DispatchAddresses.REPORT, report, DEFAULT);
  }

  public Future<JsonObject> stop(String jobId, String reason, boolean byOps) {
    return request(
        DispatchAddresses.STOP,
        new JsonObject().put("job_id", jobId).put("reason", reason).put("by_ops", byOps),
        DEFAULT);
  }

  /**
   * An operator action on one job: {@code requeue}, {@code fail}, {@code cancel} or {@code stop}.
   */
  public Future<JsonObject> opsJob(String action, String jobId, JsonObject body) {
    return request(
        DispatchAddresses.OPS_JOB,
        new JsonObject().put("action", action).put("job_id", jobId).put("body", body),
        DEFAULT);
  }

  /** An operator cleanup: {@code queue} or {@code jobs}. */
  public Future<JsonObject> opsCleanup(String action, JsonObject body) {
    return request(
        DispatchAddresses.OPS_CLEANUP,
        new JsonObject().put("action", action).put("body", body),
        DEFAULT);
  }

  public Future<JsonObject> delete(String jobId) {
    return request(DispatchAddresses.DELETE, new JsonObject().put("job_id", jobId), DEFAULT);
  }

  public Future<JsonObject> recover(JsonObject decision) {
    return request(DispatchAddresses.RECOVER, decision, DEFAULT);
  }

  public Future<JsonObject> status(String jobId) {
    return request(DispatchAddresses.STATUS, new JsonObject().put("job_id", jobId), DEFAULT);
  }

  public Future<JsonObject> job(String jobId) {
    return request(DispatchAddresses.JOB, new JsonObject().put("job_id", jobId), DEFAULT);
  }

  /**
   * {@code {jobs: [...], total}} filtered by optional {@code status}, {@code host}, {@code limit},
   * {@code offset}.
   */
  public Future<JsonObject> jobs(JsonObject filter) {
    return request(DispatchAddresses.JOBS, filter, DEFAULT);
  }

  public Future<JsonArray> queue() {
    return this.<JsonObject>request(DispatchAddresses.QUEUE, new JsonObject(), DEFAULT)
        .map(r -> r.getJsonArray("entries"));
  }

  /** Active jobs per host: {@code {host: [{job_id, status, attempt, ...}]}}. */
  public Future<JsonObject> active() {
    return request(DispatchAddresses.ACTIVE, new JsonObject(), DEFAULT);
  }

  public Future<JsonObject> drain() {
    return request(DispatchAddresses.DRAIN, new JsonObject(), DEFAULT);
  }

  public Future<JsonObject> stats() {
    return request(DispatchAddresses.STATS, new JsonObject(), DEFAULT);
  }

  public Future<JsonArray> stopRequests(String workerId) {
    return this.<JsonObject>request(
            DispatchAddresses.STOP_REQUESTS, new JsonObject().put("worker_id", workerId), DEFAULT)
        .map(r -> r.getJsonArray("job_ids"));
  }

  private <T> Future<T> request(String address, JsonObject body, DeliveryOptions options) {
    return vertx
        .eventBus()
        .<T>request(address, body, options)
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(BusReplies.toApiFailure(err)));
  }
}
