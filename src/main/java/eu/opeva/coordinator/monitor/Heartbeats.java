package eu.opeva.coordinator.monitor;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** Last heartbeat of every worker: {@code last_seen} (epoch seconds) and its {@code info}. */
final class Heartbeats {
  private final Map<String, JsonObject> byWorker = new TreeMap<>();

  /** A heartbeat replaces the worker's info. */
  void record(String worker, JsonObject info, double now) {
    byWorker.put(
        worker,
        new JsonObject().put("last_seen", now).put("info", info == null ? new JsonObject() : info));
  }

  /** A status report counts as a heartbeat and keeps the info, adding the report's details. */
  void touch(String worker, JsonObject details, double now) {
    JsonObject current = byWorker.get(worker);
    JsonObject info =
        current == null ? new JsonObject() : current.getJsonObject("info", new JsonObject());
    if (details != null) {
      info.put("last_status_details", details);
    }
    byWorker.put(worker, new JsonObject().put("last_seen", now).put("info", info));
  }

  JsonObject get(String worker) {
    return byWorker.get(worker);
  }

  JsonObject all() {
    JsonObject out = new JsonObject();
    byWorker.forEach(out::put);
    return out;
  }
}
