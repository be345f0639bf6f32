package eu.opeva.coordinator.hostile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Whether a value is valid for a schema of the contract: the suite's own reading of the JSON Schema
 * keywords the contract uses, independent of the validator the coordinator runs. A keyword it does
 * not know fails loudly, so a new kind of constraint cannot be waved through unnoticed. Numbers may
 * be any {@link Number}; JSON null is {@code null}.
 */
final class SchemaOracle {
  private static final Set<String> IGNORED =
      Set.of("description", "default", "format", "__absolute_uri__", "title", "example");
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private SchemaOracle() {}

  /** The JSON types a schema allows ({@code integer} counts as its own); empty when any. */
  static Set<String> types(JsonObject schema) {
    Set<String> out = new LinkedHashSet<>();
    Object type = schema.getValue("type");
    if (type instanceof String t) {
      out.add(t);
    } else if (type instanceof JsonArray list) {
      list.forEach(t -> out.add((String) t));
    } else {
      for (String key : new String[] {"oneOf", "anyOf"}) {
        JsonArray branches = schema.getJsonArray(key);
        if (branches != null) {
          for (Object b : branches) {
            Set<String> branch = types((JsonObject) b);
            if (branch.isEmpty()) {
              return Set.of();
            }
            out.addAll(branch);
          }
        }
      }
    }
    return out;
  }

  static boolean allows(JsonObject schema, String type) {
    Set<String> t = types(schema);
    return t.isEmpty() || t.contains(type) || (type.equals("integer") && t.contains("number"));
  }

  static boolean accepts(JsonObject schema, Object value) {
    Set<String> t = types(schema);
    if (!t.isEmpty() && t.stream().noneMatch(type -> is(type, value))) {
      return false;
    }
    for (String key : schema.fieldNames()) {
      if (!keyword(key, schema, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean keyword(String key, JsonObject s, Object v) {
    if (IGNORED.contains(key) || key.startsWith("x-")) {
      return true;
    }
    return switch (key) {
      case "type" -> true;
      case "enum" -> s.getJsonArray(key).stream().anyMatch(e -> same(e, v));
      case "minLength" -> !(v instanceof String x) || length(x) >= s.getInteger(key);
      case "maxLength" -> !(v instanceof String x) || length(x) <= s.getInteger(key);
      case "pattern" ->
          !(v instanceof String x)
              || PATTERNS.computeIfAbsent(s.getString(key), Pattern::compile).matcher(x).find();
      case "minimum" -> !(v instanceof Number n) || compare(n, s.getNumber(key)) >= 0;
      case "maximum" -> !(v instanceof Number n) || compare(n, s.getNumber(key)) <= 0;
      case "exclusiveMinimum" -> !(v instanceof Number n) || compare(n, s.getNumber(key)) > 0;
      case "exclusiveMaximum" -> !(v instanceof Number n) || compare(n, s.getNumber(key)) < 0;
      case "minItems" -> !(v instanceof JsonArray a) || a.size() >= s.getInteger(key);
      case "maxItems" -> !(v instanceof JsonArray a) || a.size() <= s.getInteger(key);
      case "items" ->
          !(v instanceof JsonArray a)
              || a.stream().allMatch(item -> accepts(s.getJsonObject(key), item));
      case "required" ->
          !(v instanceof JsonObject o)
              || s.getJsonArray(key).stream().allMatch(k -> o.containsKey((String) k));
      case "properties" -> !(v instanceof JsonObject o) || properties(s.getJsonObject(key), o);
      case "additionalProperties" -> !(v instanceof JsonObject o) || additional(s, o);
      case "oneOf" ->
          s.getJsonArray(key).stream().filter(b -> accepts((JsonObject) b, v)).count() == 1;
      case "anyOf" -> s.getJsonArray(key).stream().anyMatch(b -> accepts((JsonObject) b, v));
      default -> throw new IllegalStateException("the suite does not know the keyword " + key);
    };
  }

  private static boolean properties(JsonObject props, JsonObject value) {
    for (String name : props.fieldNames()) {
      if (value.containsKey(name) && !accepts(props.getJsonObject(name), value.getValue(name))) {
        return false;
      }
    }
    return true;
  }

  private static boolean additional(JsonObject schema, JsonObject value) {
    Object rule = schema.getValue("additionalProperties");
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    for (String name : value.fieldNames()) {
      if (props.containsKey(name)) {
        continue;
      }
      if (Boolean.FALSE.equals(rule)
          || (rule instanceof JsonObject extra && !accepts(extra, value.getValue(name)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean is(String type, Object v) {
    return switch (type) {
      case "null" -> v == null;
      case "boolean" -> v instanceof Boolean;
      case "string" -> v instanceof String;
      case "number" -> v instanceof Number;
      case "integer" -> v instanceof Number n && integral(n);
      case "object" -> v instanceof JsonObject;
      case "array" -> v instanceof JsonArray;
      default -> throw new IllegalStateException("the suite does not know the type " + type);
    };
  }

  /** Integral as JSON Schema counts it: no fractional part (so 1.0 and 1e308 are integers). */
  private static boolean integral(Number n) {
    BigDecimal d = decimal(n);
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  private static boolean same(Object e, Object v) {
    if (e instanceof Number a && v instanceof Number b) {
      return compare(a, b) == 0;
    }
    return e == null ? v == null : e.equals(v);
  }

  private static int compare(Number a, Number b) {
    return decimal(a).compareTo(decimal(b));
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
