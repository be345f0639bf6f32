package eu.opeva.coordinator.hostile;

import io.vertx.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * A value a generator puts in a JSON field: its text (bytes, which may be invalid JSON or invalid
 * UTF-8) and what a JSON parser makes of it ({@code parsable} false: nothing, the body must be
 * refused). {@code traversal}: a name or path that leads out of where it may lead.
 */
record Value(
    String category,
    String label,
    byte[] json,
    Object parsed,
    boolean parsable,
    boolean traversal) {

  /** A valid JSON value, written as JSON. */
  static Value of(String category, String label, Object parsed) {
    byte[] text = Json.encode(parsed).getBytes(StandardCharsets.UTF_8);
    return new Value(category, label, text, parsed, true, false);
  }

  /** A JSON token written as given, parsed as {@code parsed}. */
  static Value token(String category, String label, String token, Object parsed) {
    return new Value(category, label, token.getBytes(StandardCharsets.UTF_8), parsed, true, false);
  }

  /** Bytes no JSON parser may accept. */
  static Value invalid(String category, String label, byte[] bytes) {
    return new Value(category, label, bytes, null, false, false);
  }

  static Value traversal(String label, String path) {
    Value v = of("traversal", label, path);
    return new Value(v.category(), label, v.json(), path, true, true);
  }

  /** A JSON string whose middle is the given raw bytes: {@code "a<bytes>b"}. */
  static byte[] stringWith(int... bytes) {
    byte[] out = new byte[bytes.length + 4];
    out[0] = '"';
    out[1] = 'a';
    for (int i = 0; i < bytes.length; i++) {
      out[i + 2] = (byte) bytes[i];
    }
    out[bytes.length + 2] = 'b';
    out[bytes.length + 3] = '"';
    return out;
  }
}
