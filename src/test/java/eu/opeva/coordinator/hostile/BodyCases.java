package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.hostile.BaseRequest.Body;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hostile JSON bodies of an operation, field by field: every property of its schema (nested objects
 * and array items of the base body included) gets wrong types, null, huge strings and numbers, NUL
 * and control characters, invalid UTF-8, deep nesting and, for names and paths, traversals; each
 * present field is also left out and duplicated, and each object gets an unknown field. Whether a
 * case must be refused is decided by {@link SchemaOracle} and the body limit.
 */
final class BodyCases {
  /** Fields that name a file, a folder or something looked up by name, in any operation. */
  static final Set<String> NAME_LIKE =
      Set.of(
          "config_path",
          "save_as",
          "file_name",
          "relative_path",
          "session",
          "site",
          "site_id",
          "job_id",
          "worker_id",
          "target_host",
          "preferred_host",
          "key",
          "depends_on",
          "pipeline_id");

  /** Fields named {@code name} that name a folder (elsewhere {@code name} is a label). */
  static final Set<String> NAME_FIELD_OPERATIONS = Set.of("createDataset", "uploadDataset");

  private static final String SLOT = "@@hostile-slot@@";

  private BodyCases() {}

  static List<HostileRequest> of(BaseRequest base, String root) {
    List<HostileRequest> out = new ArrayList<>();
    if (base.kind() != Body.JSON) {
      return out;
    }
    for (Slot slot : Slot.all(base.bodySchema(), base.json())) {
      boolean nameLike = nameLike(base.operation(), slot);
      for (Value v : FieldValues.of(slot.schema(), nameLike, root)) {
        out.add(put(base, slot, v, v.category(), slot.where() + ": " + v.label()));
      }
      if (slot.present() && slot.key() != null) {
        out.add(missing(base, slot));
        FieldValues.of(slot.schema(), false, root).stream()
            .filter(
                v ->
                    v.parsable()
                        && !SchemaOracle.accepts(
                            base.bodySchema(), Slot.with(base.json(), slot.path(), v.parsed())))
            .findFirst()
            .ifPresent(
                wrong -> {
                  out.add(duplicate(base, slot, wrong, false));
                  out.add(duplicate(base, slot, wrong, true));
                });
      }
    }
    for (Slot node : Slot.objects(base.bodySchema(), base.json())) {
      JsonObject body = base.json().copy();
      JsonObject target = node.path().isEmpty() ? body : (JsonObject) Slot.get(body, node.path());
      target.put("hostile_extra", true);
      out.add(classify(base, "extra", node.where() + ": unknown field", bytes(body), body, false));
    }
    return out;
  }

  static boolean nameLike(String operation, Slot slot) {
    if (slot.name().equals("name")) {
      return NAME_FIELD_OPERATIONS.contains(operation) && slot.path().size() == 1;
    }
    if (slot.name().equals("save_as")) {
      // save_as names the file an inline config is saved as; next to a config_path it is unused.
      return slot.parent() == null || !slot.parent().containsKey("config_path");
    }
    return NAME_LIKE.contains(slot.name());
  }

  /** The base body with the slot's value replaced by (or set to) {@code v}. */
  static HostileRequest put(BaseRequest base, Slot slot, Value v, String category, String what) {
    JsonObject placeholder = Slot.with(base.json(), slot.path(), SLOT);
    byte[] body = splice(bytes(placeholder), v.json());
    JsonObject parsed = v.parsable() ? Slot.with(base.json(), slot.path(), v.parsed()) : null;
    return classify(base, category, what, body, v.parsable() ? parsed : INVALID, v.traversal());
  }

  private static HostileRequest missing(BaseRequest base, Slot slot) {
    JsonObject body = Slot.without(base.json(), slot.path());
    return classify(base, "missing", slot.where() + ": left out", bytes(body), body, false);
  }

  /** The field twice: the valid value first and a wrong one last, or the other way round. */
  private static HostileRequest duplicate(
      BaseRequest base, Slot slot, Value wrong, boolean validLast) {
    byte[] valid = io.vertx.core.json.Json.encode(slot.value()).getBytes(StandardCharsets.UTF_8);
    byte[] first = validLast ? wrong.json() : valid;
    byte[] last = validLast ? valid : wrong.json();
    byte[] key = ("," + io.vertx.core.json.Json.encode(slot.key()) + ":").getBytes();
    ByteArrayOutputStream pair = new ByteArrayOutputStream();
    pair.writeBytes(first);
    pair.writeBytes(key);
    pair.writeBytes(last);
    byte[] body = splice(bytes(Slot.with(base.json(), slot.path(), SLOT)), pair.toByteArray());
    // A parser keeps the last of duplicate keys (or refuses them): judge by the last one.
    Object parsed = validLast ? base.json() : Slot.with(base.json(), slot.path(), wrong.parsed());
    String what = slot.where() + (validLast ? ": wrong value, then valid" : ": valid, then wrong");
    return classify(base, "duplicate", what, body, parsed, false);
  }

  static final Object INVALID = new Object();

  /** The deepest a JSON body may nest, as the contract's description says. */
  static final int MAX_DEPTH = 64;

  /**
   * Refused when over the limit (413), unparsable, nested too deep or invalid for the schema (400),
   * a traversal.
   */
  static HostileRequest classify(
      BaseRequest base, String category, String what, byte[] body, Object parsed, boolean escape) {
    var b = HostileRequest.from(base, category, what).body(body);
    if (body.length > base.bodyLimit()) {
      b.refused(413);
    } else if (parsed == INVALID
        || depth(parsed) > MAX_DEPTH
        || !SchemaOracle.accepts(base.bodySchema(), parsed)) {
      b.refused(400);
    } else if (escape) {
      b.refused();
    } else {
      b.maySucceed();
    }
    return b.build();
  }

  /** How deep objects and arrays nest (a scalar is 0, {@code {}} is 1). */
  static int depth(Object v) {
    int inner = 0;
    if (v instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        inner = Math.max(inner, depth(o.getValue(k)));
      }
      return inner + 1;
    }
    if (v instanceof JsonArray a) {
      for (Object item : a) {
        inner = Math.max(inner, depth(item));
      }
      return inner + 1;
    }
    return 0;
  }

  static byte[] bytes(Object json) {
    String text =
        json instanceof JsonObject o
            ? o.encode()
            : json instanceof JsonArray a ? a.encode() : io.vertx.core.json.Json.encode(json);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} with the (one) placeholder string replaced by {@code value}. */
  private static byte[] splice(byte[] text, byte[] value) {
    String s = new String(text, StandardCharsets.UTF_8);
    int at = s.indexOf("\"" + SLOT + "\"");
    byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = s.substring(at + SLOT.length() + 2).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    out.writeBytes(value);
    out.writeBytes(tail);
    return out.toByteArray();
  }
}
