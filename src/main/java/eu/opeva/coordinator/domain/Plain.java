package eu.opeva.coordinator.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form values (a worker's {@code details}, scheduler options, fields of other versions) as
 * plain, unmodifiable maps and lists, so records holding them compare by value. Callers convert
 * JSON objects at the edge; nested values must already be maps, lists or scalars.
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
    return v;
  }
}
