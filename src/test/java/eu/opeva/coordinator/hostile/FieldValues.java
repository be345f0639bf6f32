package eu.opeva.coordinator.hostile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The hostile values for one field of a JSON body, from its schema. */
final class FieldValues {
  static final int DEEP = 10_000;
  static final int DEEP_PARSABLE = 900;
  static final int MODERATE = 40;

  private static final Map<String, Object> TYPE_SAMPLES =
      Map.of(
          "string",
          "hostile",
          "integer",
          7,
          "number",
          7.5,
          "boolean",
          true,
          "object",
          new JsonObject().put("hostile", 1),
          "array",
          new JsonArray().add(1));

  private static final List<String> NUMBERS =
      List.of(
          "2147483648",
          "-2147483649",
          "4294967297",
          "9223372036854775808",
          "-9223372036854775809",
          "123456789012345678901234567890",
          "1e308",
          "-1e308",
          "1e309",
          "-0",
          "-0.0",
          "1.5");

  private FieldValues() {}

  static List<Value> of(JsonObject schema, boolean nameLike, String root) {
    List<Value> out = new ArrayList<>();
    var types = SchemaOracle.types(schema);
    if (!types.isEmpty()) {
      for (var t : TYPE_SAMPLES.entrySet()) {
        if (!SchemaOracle.allows(schema, t.getKey())) {
          out.add(Value.of("types", t.getKey() + " instead", t.getValue()));
        }
      }
      // Also where the contract allows null: a handler that reads it as absent must not fail.
      out.add(Value.of("null", "null", null));
    }
    if (SchemaOracle.allows(schema, "string")) {
      strings(schema, out);
    }
    if (SchemaOracle.allows(schema, "number") || SchemaOracle.allows(schema, "integer")) {
      numbers(out);
    }
    if (SchemaOracle.allows(schema, "object") || SchemaOracle.allows(schema, "array")) {
      out.add(Value.invalid("nesting", DEEP + " levels", nested(DEEP)));
      for (int depth : new int[] {DEEP_PARSABLE, MODERATE}) {
        out.add(
            Value.token(
                "nesting",
                depth + " levels",
                new String(nested(depth), java.nio.charset.StandardCharsets.UTF_8),
                nestedValue(depth)));
      }
    }
    if (schema.containsKey("maxItems")) {
      JsonArray many = new JsonArray();
      for (int i = 0; i <= schema.getInteger("maxItems"); i++) {
        many.add("x" + i);
      }
      out.add(Value.of("huge", (schema.getInteger("maxItems") + 1) + " items", many));
    }
    if (nameLike && SchemaOracle.allows(schema, "string")) {
      Traversals.body(root).forEach((label, path) -> out.add(Value.traversal(label, path)));
    }
    return out;
  }

  private static void strings(JsonObject schema, List<Value> out) {
    Integer max = schema.getInteger("maxLength");
    int n = max == null ? 300_000 : max + 1;
    out.add(Value.of("huge", n + " characters", "x".repeat(n)));
    out.add(Value.of("nul", "NUL escaped", "a\u0000b"));
    out.add(Value.of("nul", "ESC escaped", "\u001b[31mred"));
    out.add(Value.invalid("nul", "raw NUL byte", Value.stringWith(0x00)));
    out.add(Value.token("utf8", "unpaired surrogate escaped", "\"a\\ud800b\"", "a\ud800b"));
    out.add(Value.token("utf8", "low surrogate escaped", "\"\\udc00\"", "\udc00"));
    int[][] invalid = {
      {0xff},
      {0xc3, 0x28},
      {0x80},
      {0xe2, 0x82},
      {0xed, 0xa0, 0x80},
      {0xc0, 0xaf},
      {0xf4, 0x90, 0x80, 0x80},
      {0xf8, 0x88, 0x80, 0x80, 0x80}
    };
    for (int[] bytes : invalid) {
      out.add(Value.invalid("utf8", "invalid UTF-8 " + hex(bytes), Value.stringWith(bytes)));
    }
  }

  private static void numbers(List<Value> out) {
    for (String n : NUMBERS) {
      out.add(Value.token("numbers", n, n, new BigDecimal(n)));
    }
    // Below the smallest double: every JSON parser of doubles reads 0, which may be valid.
    out.add(Value.token("numbers", "1e-400 (read as 0)", "1e-400", BigDecimal.ZERO));
    for (String like : List.of("NaN", "Infinity", "-Infinity", "1e999")) {
      out.add(Value.of("numbers", "the string " + like, like));
    }
    for (String t : List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10")) {
      out.add(Value.invalid("numbers", "token " + t, t.getBytes()));
    }
  }

  static byte[] nested(int depth) {
    return ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes();
  }

  static JsonObject nestedValue(int depth) {
    JsonObject inner = new JsonObject().put("a", 1);
    for (int i = 1; i < depth; i++) {
      inner = new JsonObject().put("a", inner);
    }
    return inner;
  }

  private static String hex(int[] bytes) {
    StringBuilder s = new StringBuilder();
    for (int b : bytes) {
      s.append(String.format("%02X", b));
    }
    return s.toString();
  }
}
