package eu.opeva.coordinator.hostile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A field of a JSON body that a generator can change: a property of the schema (present in the base
 * body or not), or an item of an array the base body has, with its schema and where it is ({@code
 * path}: property names and array indices from the root).
 */
record Slot(
    List<Object> path,
    String name,
    JsonObject schema,
    boolean present,
    JsonObject parent,
    Object value) {
  private static final int MAX_DEPTH = 4;
  private static final int MAX_ITEMS = 2;

  /** The property name, or null for an array item. */
  String key() {
    return path.get(path.size() - 1) instanceof String s ? s : null;
  }

  String where() {
    StringBuilder s = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer i) {
        s.append('[').append(i).append(']');
      } else {
        s.append(s.length() == 0 ? "" : ".").append(p);
      }
    }
    return s.length() == 0 ? "body" : s.toString();
  }

  /** Every field of the body, depth first. */
  static List<Slot> all(JsonObject schema, JsonObject body) {
    List<Slot> out = new ArrayList<>();
    walk(schema, body, List.of(), out, new ArrayList<>(), 0);
    return out;
  }

  /** The body and every nested object the schema describes with properties (for unknown fields). */
  static List<Slot> objects(JsonObject schema, JsonObject body) {
    List<Slot> out = new ArrayList<>();
    out.add(new Slot(List.of(), "body", schema, true, null, body));
    walk(schema, body, List.of(), new ArrayList<>(), out, 0);
    return out;
  }

  private static void walk(
      JsonObject schema,
      JsonObject node,
      List<Object> at,
      List<Slot> fields,
      List<Slot> objects,
      int depth) {
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    for (String name : props.fieldNames()) {
      JsonObject prop = props.getJsonObject(name);
      List<Object> path = append(at, name);
      boolean present = node.containsKey(name);
      Object value = node.getValue(name);
      fields.add(new Slot(path, name, prop, present, node, value));
      if (!present || depth >= MAX_DEPTH) {
        continue;
      }
      JsonObject branch = branch(prop, value);
      if (value instanceof JsonObject child && branch.containsKey("properties")) {
        objects.add(new Slot(path, name, branch, true, node, child));
        walk(branch, child, path, fields, objects, depth + 1);
      } else if (value instanceof JsonArray items && branch.containsKey("items")) {
        JsonObject itemSchema = branch.getJsonObject("items");
        for (int i = 0; i < Math.min(MAX_ITEMS, items.size()); i++) {
          List<Object> itemPath = append(path, i);
          if (items.getValue(i) instanceof JsonObject item
              && itemSchema.containsKey("properties")) {
            objects.add(new Slot(itemPath, name, itemSchema, true, null, item));
            walk(itemSchema, item, itemPath, fields, objects, depth + 1);
          } else {
            fields.add(new Slot(itemPath, name, itemSchema, true, null, items.getValue(i)));
          }
        }
      }
    }
  }

  /** The branch of a oneOf or anyOf that describes a value of this type (the schema otherwise). */
  private static JsonObject branch(JsonObject schema, Object value) {
    for (String key : new String[] {"oneOf", "anyOf"}) {
      JsonArray branches = schema.getJsonArray(key);
      if (branches != null) {
        for (Object b : branches) {
          String type = value instanceof JsonArray ? "array" : "object";
          if (SchemaOracle.types((JsonObject) b).contains(type)) {
            return (JsonObject) b;
          }
        }
      }
    }
    return schema;
  }

  private static List<Object> append(List<Object> path, Object next) {
    List<Object> out = new ArrayList<>(path);
    out.add(next);
    return List.copyOf(out);
  }

  static Object get(Object root, List<Object> path) {
    Object at = root;
    for (Object p : path) {
      at =
          p instanceof Integer i
              ? ((JsonArray) at).getValue(i)
              : ((JsonObject) at).getValue((String) p);
    }
    return at;
  }

  /** A copy of {@code body} with the value at {@code path} set to {@code value}. */
  static JsonObject with(JsonObject body, List<Object> path, Object value) {
    JsonObject copy = body.copy();
    Object parent = get(copy, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer i) {
      ((JsonArray) parent).set(i, value);
    } else {
      ((JsonObject) parent).put((String) last, value);
    }
    return copy;
  }

  static JsonObject without(JsonObject body, List<Object> path) {
    JsonObject copy = body.copy();
    Object parent = get(copy, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer i) {
      ((JsonArray) parent).remove((int) i);
    } else {
      ((JsonObject) parent).remove((String) last);
    }
    return copy;
  }
}
