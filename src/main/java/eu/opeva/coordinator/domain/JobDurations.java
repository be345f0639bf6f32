package eu.opeva.coordinator.domain;

import io.vertx.core.json.JsonObject;

/** Queue wait, run and total durations, each at least 0 and null when an input is missing. */
public final class JobDurations {
  private JobDurations() {}

  public static JsonObject of(JsonObject meta, double now) {
    Double submitted = num(meta, "submitted_at");
    Double queued = num(meta, "queued_at");
    Double started = num(meta, "started_at");
    Double finished = num(meta, "finished_at");
    double end = finished != null ? finished : now;
    return new JsonObject()
        .put("queue_wait_seconds", diff(started, queued))
        .put("run_duration_seconds", started == null ? null : Math.max(0, end - started))
        .put("total_duration_seconds", submitted == null ? null : Math.max(0, end - submitted));
  }

  private static Double diff(Double a, Double b) {
    return a == null || b == null ? null : Math.max(0, a - b);
  }

  private static Double num(JsonObject m, String key) {
    Object v = m.getValue(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
