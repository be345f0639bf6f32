package eu.opeva.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON pointers of the validator's output: into the request (where a problem is, and how a person
 * names that field) and into the contract (the schema whose keyword failed).
 */
final class SchemaPointers {
  private final JsonObject contract;

  SchemaPointers(JsonObject contract) {
    this.contract = contract;
  }

  /** The schema the failing keyword belongs to: the keyword path walked, {@code $ref}s followed. */
  JsonObject resolve(JsonObject root, List<String> keywordPath) {
    Object node = root;
    for (int i = 0; i < keywordPath.size() - 1 && node != null; i++) {
      String seg = keywordPath.get(i);
      if (seg.equals("$ref") && node instanceof JsonObject o) {
        // A reference the contract loader resolved already holds the target's keywords.
        String ref = o.getString("$ref");
        node = ref == null ? o : reference(ref);
      } else if (node instanceof JsonObject o) {
        node = o.getValue(seg);
      } else if (node instanceof JsonArray a && seg.matches("[0-9]+")) {
        int index = Integer.parseInt(seg);
        node = index < a.size() ? a.getValue(index) : null;
      } else {
        node = null;
      }
    }
    return node instanceof JsonObject o ? o : null;
  }

  private Object reference(String ref) {
    if (ref == null || !ref.contains("#")) {
      return null;
    }
    Object node = contract;
    for (String seg : segments(ref.substring(ref.indexOf('#')))) {
      node = node instanceof JsonObject o ? o.getValue(seg) : null;
    }
    return node;
  }

  static JsonObject json(JsonSchema schema) {
    JsonObject out = new JsonObject();
    for (String name : schema.fieldNames()) {
      out.put(name, schema.<Object>get(name));
    }
    return out;
  }

  /** {@code #/a/b} (or {@code app:///#/a/b}) as its unescaped segments. */
  static List<String> segments(String location) {
    List<String> out = new ArrayList<>();
    String p = pointer(location);
    if (p.isEmpty()) {
      return out;
    }
    for (String seg : p.substring(1).split("/", -1)) {
      out.add(seg.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /** The JSON pointer of a location ({@code #/a/b} is {@code /a/b}, {@code #} is empty). */
  static String pointer(String location) {
    if (location == null) {
      return "";
    }
    int hash = location.indexOf('#');
    return hash < 0 ? location : location.substring(hash + 1);
  }

  static String parentOf(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }

  static String last(String pointer) {
    List<String> segs = segments(pointer);
    return segs.isEmpty() ? "" : segs.get(segs.size() - 1);
  }

  /**
   * How a person names the field at {@code pointer}: {@code jobs[0].config}; "the body" at the top.
   */
  static String subject(String pointer) {
    List<String> segs = segments(pointer);
    if (segs.isEmpty()) {
      return "the body";
    }
    StringBuilder out = new StringBuilder();
    for (String seg : segs) {
      if (seg.matches("[0-9]+")) {
        out.append('[').append(seg).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(seg);
      }
    }
    return out.toString();
  }
}
