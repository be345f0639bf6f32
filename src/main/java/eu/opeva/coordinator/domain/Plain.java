package eu.opeva.coordinator.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form values (a worker's {@code details}, scheduler options, fields of other versions) as
 * plain, unmodifiable maps and lists, so records holding them compare by value. Numbers take the
 * type a JSON parser gives them ({@code Integer} when they fit, else {@code Long}; decimals as
 * {@code Double}), so a value read back from a file equals the one written. Callers convert JSON
 * objects at the edge; nested values must already be maps, lists or scalars.
 */
public final class Plain {
  private Plain() {}

  public static Map<String, Object> map(Map<String, ?> source) {
    Map<String, Object> out = new LinkedHashMap<>();
    source.forEach((k, v) -> out.put(k, value(v)));
    return Collections.unmodifiableMap(out);
  }

  static Object value(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(value(x)));
      return Collections.unmodifiableList(out);
    }
    return v instanceof Number n ? number(n) : v;
  }

  private static Number number(Number n) {
    if (n instanceof Integer || n instanceof Double) {
      return n;
    }
    if (n instanceof Long || n instanceof Short || n instanceof Byte) {
      long l = n.longValue();
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Integer.valueOf((int) l) : n;
    }
    if (n instanceof Float || n instanceof java.math.BigDecimal) {
      return n.doubleValue();
    }
    return n;
  }
}
