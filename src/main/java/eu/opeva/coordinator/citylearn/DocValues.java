package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Reading a site document the way the replaced builder flattened it: top-level fields, overlaid by
 * the fields of {@code observations}; numbers are extracted leniently.
 */
final class DocValues {
  private static final Set<String> NOT_FLATTENED =
      Set.of("_id", "observations", "decisions", "forecasts");

  private DocValues() {}

  static Object get(JsonObject doc, String key) {
    return get(doc, observations(doc), key);
  }

  private static JsonObject observations(JsonObject doc) {
    return doc.getValue("observations") instanceof JsonObject obs ? obs : null;
  }

  private static Object get(JsonObject doc, JsonObject observations, String key) {
    if (observations != null) {
      Object v = observations.getValue(key);
      if (v != null || observations.containsKey(key)) {
        return v;
      }
    }
    return NOT_FLATTENED.contains(key) ? null : doc.getValue(key);
  }

  /**
   * All {@link Columns#ALL} values of a document (NaN where absent), pricing falling back to {@code
   * energy_price}.
   */
  static void extract(JsonObject doc, double[] out) {
    JsonObject observations = observations(doc);
    for (int c = 0; c < Columns.COUNT; c++) {
      out[c] = number(get(doc, observations, Columns.ALL.get(c)));
    }
    Object energyPrice = null;
    for (int k = 0; k < Columns.PRICING.size(); k++) {
      if (Double.isNaN(out[Columns.PRICING_AT + k])) {
        if (energyPrice == null) {
          energyPrice = get(doc, observations, "energy_price");
        }
        out[Columns.PRICING_AT + k] = price(energyPrice, k);
      }
    }
  }

  /**
   * A number from a lenient value: numbers as they are, numeric strings parsed, an object's {@code
   * value} (else the first of its {@code values}), a list's first element; NaN otherwise.
   */
  static double number(Object v) {
    return number(v, 0);
  }

  private static double number(Object v, int depth) {
    if (depth > 4 || v == null || v instanceof Boolean) {
      return Double.NaN;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isInfinite(d) ? Double.NaN : d;
    }
    if (v instanceof String s) {
      String t = s.trim();
      if (t.isEmpty()
          || t.equalsIgnoreCase("nan")
          || t.equals("None")
          || t.equalsIgnoreCase("null")) {
        return Double.NaN;
      }
      try {
        double d = Double.parseDouble(t);
        return Double.isInfinite(d) ? Double.NaN : d;
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    if (v instanceof JsonObject o) {
      if (o.containsKey("value")) {
        return number(o.getValue("value"), depth + 1);
      }
      return o.getValue("values") instanceof JsonArray a ? first(a, depth) : Double.NaN;
    }
    return v instanceof JsonArray a ? first(a, depth) : Double.NaN;
  }

  private static double first(JsonArray a, int depth) {
    return a.isEmpty() ? Double.NaN : number(a.getValue(0), depth + 1);
  }

  /**
   * Element {@code k} of {@code energy_price}: an object's {@code values} (list or scalar), a list,
   * or a scalar.
   */
  static double price(Object energyPrice, int k) {
    Object values = energyPrice instanceof JsonObject o ? o.getValue("values") : energyPrice;
    if (values instanceof JsonArray a) {
      return k < a.size() ? number(a.getValue(k)) : Double.NaN;
    }
    return k == 0 ? number(values) : Double.NaN;
  }
}
