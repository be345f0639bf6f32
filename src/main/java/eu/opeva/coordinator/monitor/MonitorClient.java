package eu.opeva.coordinator.monitor;

import eu.opeva.coordinator.bus.BusClient;
import eu.opeva.coordinator.protocol.Heartbeat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** Typed facade over the monitor verticle's addresses. */
public final class MonitorClient {
  private final BusClient bus;

  public MonitorClient(Vertx vertx) {
    this.bus = new BusClient(vertx, new DeliveryOptions());
  }

  public Future<Void> heartbeat(Heartbeat heartbeat) {
    return bus.request(MonitorAddresses.HEARTBEAT, heartbeat.toJson()).mapEmpty();
  }

  /** A status report seen from a worker: it counts as a heartbeat, its details are kept. */
  public void touch(String workerId, JsonObject details) {
    bus.send(MonitorAddresses.TOUCH, new Heartbeat(workerId, details).toJson());
  }

  /** {@code {started_at, workers: {id: {last_seen, info}}}}. */
  public Future<JsonObject> hosts() {
    return bus.request(MonitorAddresses.HOSTS, new JsonObject());
  }

  public Future<JsonObject> sweep() {
    return bus.request(MonitorAddresses.SWEEP, new JsonObject());
  }
}
