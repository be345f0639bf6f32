package eu.opeva.coordinator.jobstore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON objects to the plain maps and lists the domain holds, and back. */
public final class JsonPlain {
  private JsonPlain() {}

  /** A deep copy of {@code json} as maps, lists and scalars; null for null. */
  public static Map<String, Object> map(JsonObject json) {
    if (json == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    json.forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  static Object value(Object v) {
    if (v instanceof JsonObject o) {
      return map(o);
    }
    if (v instanceof JsonArray a) {
      List<Object> out = new ArrayList<>(a.size());
      a.forEach(x -> out.add(value(x)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      return map(new JsonObject(castMap(m)));
    }
    if (v instanceof List<?> l) {
      return value(new JsonArray(new ArrayList<>(l)));
    }
    return v;
  }

  /** A JSON object over a plain map (copied, so later changes to either stay apart). */
  public static JsonObject json(Map<String, Object> map) {
    return map == null ? null : new JsonObject(new LinkedHashMap<>(map)).copy();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
