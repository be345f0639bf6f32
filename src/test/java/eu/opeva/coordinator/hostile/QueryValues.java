package eu.opeva.coordinator.hostile;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile values of one query parameter, by its schema: each as {@code {category, as sent
 * (percent-encoded), as decoded}}. Invalid UTF-8 is taken as decoded to U+FFFD (a server that
 * refuses it instead only refuses more).
 */
final class QueryValues {
  private static final String[][] NUMBERS = {
    {"types", "abc", "abc"},
    {"types", "true", "true"},
    {"types", "", ""},
    {"types", "0x10", "0x10"},
    {"numbers", "1.5", "1.5"},
    {"numbers", "1e3", "1e3"},
    {"numbers", "NaN", "NaN"},
    {"numbers", "Infinity", "Infinity"},
    {"numbers", "-Infinity", "-Infinity"},
    {"numbers", "-1", "-1"},
    {"numbers", "-0", "-0"},
    {"numbers", "2147483648", "2147483648"},
    {"numbers", "-2147483649", "-2147483649"},
    {"numbers", "9223372036854775808", "9223372036854775808"},
    {"numbers", "-9223372036854775809", "-9223372036854775809"},
    {"numbers", "123456789012345678901234567890", "123456789012345678901234567890"},
    {"numbers", "1e308", "1e308"},
    {"nul", "%00", "\u0000"},
    {"nul", "1%00", "1\u0000"},
    {"utf8", "%FF", "\ufffd"},
    {"types", "1%20", "1 "},
  };
  private static final String[][] BOOLEANS = {
    {"types", "yes", "yes"},
    {"types", "1", "1"},
    {"types", "TRUE", "TRUE"},
    {"types", "", ""},
    {"types", "null", "null"},
    {"nul", "%00", "\u0000"},
    {"nul", "false%00", "false\u0000"},
    {"utf8", "%FF", "\ufffd"},
  };

  private QueryValues() {}

  static List<String[]> of(JsonObject schema) {
    var types = SchemaOracle.types(schema);
    List<String[]> out = new ArrayList<>();
    if (types.contains("integer") || types.contains("number")) {
      out.addAll(List.of(NUMBERS));
      if (schema.containsKey("maximum")) {
        String above =
            new java.math.BigDecimal(schema.getNumber("maximum").toString())
                .add(java.math.BigDecimal.ONE)
                .toPlainString();
        out.add(new String[] {"numbers", above, above});
      }
      if (schema.containsKey("minimum")) {
        String below =
            new java.math.BigDecimal(schema.getNumber("minimum").toString())
                .subtract(java.math.BigDecimal.ONE)
                .toPlainString();
        out.add(new String[] {"numbers", below, below});
      }
    } else if (types.contains("boolean")) {
      out.addAll(List.of(BOOLEANS));
    } else {
      out.add(new String[] {"types", "bogus", "bogus"});
      Integer max = schema.getInteger("maxLength");
      if (max != null) {
        out.add(new String[] {"huge", "a".repeat(max + 1), "a".repeat(max + 1)});
      }
      out.add(new String[] {"missing", "", ""});
      out.add(new String[] {"nul", "%00", "\u0000"});
      out.add(new String[] {"nul", "a%0Ab", "a\nb"});
      out.add(new String[] {"nul", "%1B%5B31m", "\u001b[31m"});
      out.add(new String[] {"utf8", "%FF%FE", "\ufffd\ufffd"});
      out.add(new String[] {"utf8", "%ED%A0%80", "\ufffd"});
      for (String path :
          List.of(
              "../secret.yaml",
              "..%2F..%2Fsecret.yaml",
              "%252e%252e%252f",
              "..%5Csecret.yaml",
              "%2Fetc%2Fpasswd")) {
        out.add(
            new String[] {
              "traversal",
              path,
              java.net.URLDecoder.decode(
                  path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8)
            });
      }
    }
    return out;
  }
}
