package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.Role;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid request of one operation, by the least caller who may call it, against the seeded state:
 * what every generator starts from. Path and query values are kept decoded; {@link #target} encodes
 * them, and a generator may put a value of its own (already encoded, or not) in place of one.
 * {@code jobToken}: a running job's own token may call the operation ({@code x-opeva-job}).
 */
record BaseRequest(
    String operation,
    Role role,
    String method,
    String template,
    List<Param> params,
    Map<String, String> pathValues,
    Map<String, String> queryValues,
    Body kind,
    JsonObject json,
    JsonObject bodySchema,
    boolean bodyRequired,
    byte[] body,
    String contentType,
    long bodyLimit,
    boolean jobToken,
    List<Map.Entry<String, String>> headers) {

  /** What the operation takes as a body. */
  enum Body {
    NONE,
    JSON,
    MULTIPART
  }

  /** A path or query parameter of the contract, with its (resolved) schema. */
  record Param(String name, String in, boolean required, JsonObject schema) {
    boolean inPath() {
      return "path".equals(in);
    }
  }

  String target() {
    return target(null, null, queryValues);
  }

  /** The target with path parameter {@code name} given as {@code encoded} (sent as is). */
  String withPath(String name, String encoded) {
    return target(name, encoded, queryValues);
  }

  /**
   * The target with query parameter {@code name} given as {@code encoded} (null: left out), the
   * other query values as in this request.
   */
  String withQuery(String name, String encoded) {
    Map<String, String> raw = new LinkedHashMap<>();
    queryValues.forEach((k, v) -> raw.put(k, encode(v)));
    raw.remove(name);
    if (encoded != null) {
      raw.put(name, encoded);
    }
    return path(null, null) + query(raw);
  }

  private String target(String name, String encoded, Map<String, String> query) {
    Map<String, String> raw = new LinkedHashMap<>();
    query.forEach((k, v) -> raw.put(k, encode(v)));
    return path(name, encoded) + query(raw);
  }

  private String path(String name, String encoded) {
    String path = template;
    for (var p : pathValues.entrySet()) {
      String value = p.getKey().equals(name) ? encoded : encode(p.getValue());
      path = path.replace("{" + p.getKey() + "}", value);
    }
    return path;
  }

  private static String query(Map<String, String> encoded) {
    StringBuilder q = new StringBuilder();
    encoded.forEach(
        (k, v) -> q.append(q.length() == 0 ? '?' : '&').append(k).append('=').append(v));
    return q.toString();
  }

  /** Percent-encodes everything but the unreserved characters of RFC 3986. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
