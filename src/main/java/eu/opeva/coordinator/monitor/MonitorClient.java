package eu.opeva.coordinator.monitor;

import eu.opeva.coordinator.bus.BusReplies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Typed facade over the monitor verticle's addresses. */
public final class MonitorClient {
  private final Vertx vertx;

  public MonitorClient(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> heartbeat(String workerId, JsonObject info) {
    return request(
            MonitorAddresses.HEARTBEAT,
            new JsonObject().put("worker_id", workerId).put("info", info))
        .mapEmpty();
  }

  public void touch(String workerId, JsonObject details) {
    vertx
        .eventBus()
        .send(
            MonitorAddresses.TOUCH,
            new JsonObject().put("worker_id", workerId).put("details", details));
  }

  /** {@code {started_at, workers: {id: {last_seen, info}}}}. */
  public Future<JsonObject> hosts() {
    return request(MonitorAddresses.HOSTS, new JsonObject());
  }

  public Future<JsonObject> sweep() {
    return request(MonitorAddresses.SWEEP, new JsonObject());
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx
        .eventBus()
        .<JsonObject>request(address, body)
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(BusReplies.toApiFailure(err)));
  }
}
