package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed facade over the dispatch verticle's addresses. Failures arrive as {@code ApiFailure}. */
public final class DispatchClient {
  private static final DeliveryOptions DEFAULT = new DeliveryOptions().setSendTimeout(30_000);
  private final BusClient bus;

  public DispatchClient(Vertx vertx) {
    this.bus = new BusClient(vertx, DEFAULT);
  }

  public Future<JsonObject> submit(JsonObject body) {
    return bus.request(DispatchAddresses.SUBMIT, body, DEFAULT);
  }

  public Future<JsonObject> rerun(String jobId, JsonObject body) {
    return bus.request(
        DispatchAddresses.RERUN, new JsonObject().put("job_id", jobId).put("body", body), DEFAULT);
  }

  /** Waits up to {@code waitSeconds} for a job; the reply has {@code job} or is empty. */
  public Future<JsonObject> nextJob(String workerId, double waitSeconds, String waitId) {
    var options = new DeliveryOptions().setSendTimeout(Math.round(waitSeconds * 1000) + 30_000);
    return bus.request(
        DispatchAddresses.NEXT_JOB,
        new JsonObject()
            .put("worker_id", workerId)
            .put("wait_seconds", waitSeconds)
            .put("wait_id", waitId),
        options);
  }

  public void cancelWait(String waitId) {
    bus.send(DispatchAddresses.CANCEL_WAIT, new JsonObject().put("wait_id", waitId));
  }

  public Future<JsonObject> undeliverable(String jobId, int attempt) {
    return bus.request(
        DispatchAddresses.UNDELIVERABLE,
        new JsonObject().put("job_id", jobId).put("attempt", attempt),
        DEFAULT);
  }

  public Future<JsonObject> report(JsonObject report) {
    return bus.request(DispatchAddresses.REPORT, report, DEFAULT);
  }

  public Future<JsonObject> stop(String jobId, String reason, boolean byOps) {
    return bus.request(
        DispatchAddresses.STOP,
        new JsonObject().put("job_id", jobId).put("reason", reason).put("by_ops", byOps),
        DEFAULT);
  }

  /**
   * An operator action on one job: {@code requeue}, {@code fail}, {@code cancel} or {@code stop}.
   */
  public Future<JsonObject> opsJob(String action, String jobId, JsonObject body) {
    return bus.request(
        DispatchAddresses.OPS_JOB,
        new JsonObject().put("action", action).put("job_id", jobId).put("body", body),
        DEFAULT);
  }

  /** An operator cleanup: {@code queue} or {@code jobs}. */
  public Future<JsonObject> opsCleanup(String action, JsonObject body) {
    return bus.request(
        DispatchAddresses.OPS_CLEANUP,
        new JsonObject().put("action", action).put("body", body),
        DEFAULT);
  }

  public Future<JsonObject> delete(String jobId) {
    return bus.request(DispatchAddresses.DELETE, new JsonObject().put("job_id", jobId), DEFAULT);
  }

  public Future<JsonObject> recover(JsonObject decision) {
    return bus.request(DispatchAddresses.RECOVER, decision, DEFAULT);
  }

  public Future<JsonObject> status(String jobId) {
    return bus.request(DispatchAddresses.STATUS, new JsonObject().put("job_id", jobId), DEFAULT);
  }

  public Future<JsonObject> job(String jobId) {
    return bus.request(DispatchAddresses.JOB, new JsonObject().put("job_id", jobId), DEFAULT);
  }

  /**
   * {@code {jobs: [...], total}} filtered by optional {@code status}, {@code host}, {@code limit},
   * {@code offset}.
   */
  public Future<JsonObject> jobs(JsonObject filter) {
    return bus.request(DispatchAddresses.JOBS, filter, DEFAULT);
  }

  public Future<JsonArray> queue() {
    return bus.request(DispatchAddresses.QUEUE, new JsonObject(), DEFAULT)
        .map(r -> r.getJsonArray("entries"));
  }

  /** Active jobs per host: {@code {host: [{job_id, status, attempt, ...}]}}. */
  public Future<JsonObject> active() {
    return bus.request(DispatchAddresses.ACTIVE, new JsonObject(), DEFAULT);
  }

  public Future<JsonObject> drain() {
    return bus.request(DispatchAddresses.DRAIN, new JsonObject(), DEFAULT);
  }

  public Future<JsonObject> stats() {
    return bus.request(DispatchAddresses.STATS, new JsonObject(), DEFAULT);
  }

  public Future<JsonArray> stopRequests(String workerId) {
    return bus.request(
            DispatchAddresses.STOP_REQUESTS, new JsonObject().put("worker_id", workerId), DEFAULT)
        .map(r -> r.getJsonArray("job_ids"));
  }
}
