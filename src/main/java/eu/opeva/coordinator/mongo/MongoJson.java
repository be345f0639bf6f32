package eu.opeva.coordinator.mongo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Mongo documents as API JSON: ObjectIds become strings and dates ISO-8601 UTC strings. */
public final class MongoJson {
  private MongoJson() {}

  public static JsonObject toApi(JsonObject doc) {
    JsonObject out = new JsonObject();
    doc.forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  static Object value(Object v) {
    if (v instanceof JsonObject obj) {
      if (obj.size() == 1) {
        if (obj.containsKey("$oid")) {
          return String.valueOf(obj.getValue("$oid"));
        }
        if (obj.containsKey("$date")) {
          Instant i = Timestamps.parse(obj);
          return i == null ? obj : i.toString();
        }
        if (obj.containsKey("$numberDecimal")) {
          try {
            return new java.math.BigDecimal(String.valueOf(obj.getValue("$numberDecimal")))
                .doubleValue();
          } catch (NumberFormatException e) {
            return obj;
          }
        }
      }
      return toApi(obj);
    }
    if (v instanceof JsonArray arr) {
      JsonArray out = new JsonArray();
      arr.forEach(item -> out.add(value(item)));
      return out;
    }
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    return v;
  }
}
