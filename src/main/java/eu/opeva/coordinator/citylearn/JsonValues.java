package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Operations on JSON values the builder needs beyond Vert.x's: deep merge, copy, Python-like
 * truthiness and file-name slugs.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * A copy of {@code base} with {@code override} merged in: objects recursively, anything else
   * replaced.
   */
  static JsonObject deepMerge(JsonObject base, JsonObject override) {
    JsonObject out = base.copy();
    if (override == null) {
      return out;
    }
    override.forEach(
        e -> {
          Object mine = out.getValue(e.getKey());
          if (mine instanceof JsonObject a && e.getValue() instanceof JsonObject b) {
            out.put(e.getKey(), deepMerge(a, b));
          } else {
            out.put(e.getKey(), copyOf(e.getValue()));
          }
        });
    return out;
  }

  static Object copyOf(Object v) {
    if (v instanceof JsonObject o) {
      return o.copy();
    }
    return v instanceof JsonArray a ? a.copy() : v;
  }

  /** Python-like truthiness, used where the replaced service picks "the first truthy" field. */
  static boolean truthy(Object v) {
    if (v == null || Boolean.FALSE.equals(v)) {
      return false;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof JsonObject o) {
      return !o.isEmpty();
    }
    return !(v instanceof JsonArray a) || !a.isEmpty();
  }

  /**
   * Keeps letters, digits, '_' and '-', replaces the rest by '_', trims '_' and '-' at both ends.
   */
  static String slug(Object value, String fallback) {
    String s =
        value == null
            ? ""
            : String.valueOf(value)
                .replaceAll("[^A-Za-z0-9_-]", "_")
                .replaceAll("^[_-]+|[_-]+$", "");
    return s.isEmpty() ? fallback : s;
  }
}
