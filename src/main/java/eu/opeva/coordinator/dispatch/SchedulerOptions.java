package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Normalisation of {@code deucalion_options} (batch-scheduler settings of a job). */
public final class SchedulerOptions {
  static final List<String> LISTS = List.of("modules", "datasets", "required_paths");
  static final List<String> INTEGERS = List.of("cpus_per_task", "mem_gb", "gpus");

  private SchedulerOptions() {}

  /** The normalised options, or null when nothing is left. */
  public static JsonObject normalise(JsonObject raw) {
    if (raw == null) {
      return null;
    }
    JsonObject out = new JsonObject();
    for (String key : raw.fieldNames()) {
      Object value = raw.getValue(key);
      String name = key.equals("time_limit") ? "time" : key;
      if (value == null) {
        continue;
      }
      if (LISTS.contains(name)) {
        if (!(value instanceof JsonArray list)) {
          throw ApiFailure.badRequest("deucalion_options." + name + " must be a list");
        }
        JsonArray items = new JsonArray();
        list.forEach(
            item -> {
              if (item != null && !String.valueOf(item).isBlank()) {
                items.add(String.valueOf(item).trim());
              }
            });
        if (!items.isEmpty()) {
          out.put(name, items);
        }
      } else if (INTEGERS.contains(name)) {
        long n;
        try {
          if (value instanceof Boolean || value instanceof Double d && d != Math.rint(d)) {
            throw new NumberFormatException();
          }
          n =
              value instanceof Number num
                  ? num.longValue()
                  : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
          throw ApiFailure.badRequest("deucalion_options." + name + " must be an integer");
        }
        if (n < 0) {
          throw ApiFailure.badRequest("deucalion_options." + name + " must be >= 0");
        }
        out.put(name, n);
      } else {
        String s = String.valueOf(value).trim();
        if (!s.isEmpty()) {
          out.put(name, s);
        }
      }
    }
    return out.isEmpty() ? null : out;
  }
}
