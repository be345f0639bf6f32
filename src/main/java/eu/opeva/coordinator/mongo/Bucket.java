package eu.opeva.coordinator.mongo;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One granularity bucket of historical data: numbers are averaged, nested objects are aggregated
 * field by field, and anything else keeps its first non-null value. {@code _id} is dropped and
 * {@code timestamp} becomes the bucket start.
 */
final class Bucket {
  private final Map<String, Field> fields = new LinkedHashMap<>();

  void add(JsonObject doc) {
    doc.forEach(
        e -> {
          if (!e.getKey().equals("_id") && !e.getKey().equals("timestamp")) {
            fields.computeIfAbsent(e.getKey(), k -> new Field()).add(e.getValue());
          }
        });
  }

  JsonObject result() {
    JsonObject out = new JsonObject();
    fields.forEach((k, f) -> out.put(k, f.result()));
    return out;
  }

  private static final class Field {
    private double sum;
    private long count;
    private Object first;
    private Bucket nested;

    void add(Object value) {
      if (value instanceof Number n && !(value instanceof Boolean)) {
        double d = n.doubleValue();
        if (!Double.isNaN(d) && !Double.isInfinite(d)) {
          sum += d;
          count++;
        }
      } else if (value instanceof JsonObject obj && !isScalarWrapper(obj)) {
        if (nested == null) {
          nested = new Bucket();
        }
        nested.add(obj);
      } else if (value != null && first == null) {
        first = MongoJson.value(value);
      }
    }

    Object result() {
      if (count > 0) {
        return sum / count;
      }
      if (nested != null) {
        return nested.result();
      }
      return first;
    }

    private static boolean isScalarWrapper(JsonObject obj) {
      return obj.size() == 1 && (obj.containsKey("$date") || obj.containsKey("$oid"));
    }
  }
}
