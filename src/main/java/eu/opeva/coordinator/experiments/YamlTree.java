package eu.opeva.coordinator.experiments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Vert.x JSON values from the events of a YAML parser, within limits. Jackson reads YAML as
 * events and never runs SnakeYAML's composer, where the composer's limits live; so they are kept
 * here: nesting depth, the number of aliases, and the size of the document once every alias is
 * expanded (a "billion laughs" is refused at its first alias over the limits, before anything is
 * copied). Aliases are expanded as YAML means them (a copy of the anchored value; {@code <<} merges
 * a mapping in), where Jackson alone would give the anchor's name as a string. Explicit tags
 * ({@code !!java.net.URL}, {@code !!python/object}, {@code !anything}) are refused: a config is
 * plain data.
 */
final class YamlTree {
  static final int MAX_DEPTH = 64;
  static final int MAX_ALIASES = 50;
  static final long MAX_NODES = 1_000_000;
  private static final String MERGE = "<<";

  private record Built(Object value, long nodes) {}

  private final YAMLParser p;
  private final Map<String, Built> anchors = new HashMap<>();
  private int aliases;
  private long nodes;

  private YamlTree(YAMLParser parser) {
    this.p = parser;
  }

  /** The first document of the stream as a value (null when it is empty). */
  static Object read(YAMLParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    return first == null ? null : new YamlTree(parser).value(first, 0).value();
  }

  private Built value(JsonToken token, int depth) throws IOException {
    refuseTag();
    if (token == JsonToken.VALUE_STRING && p.isCurrentAlias()) {
      return alias(p.getText());
    }
    String anchor = p.getObjectId();
    Built built =
        switch (token) {
          case START_OBJECT -> object(depth + 1);
          case START_ARRAY -> array(depth + 1);
          case VALUE_STRING -> scalar(p.getText());
          case VALUE_NUMBER_INT -> scalar(p.getNumberValue());
          case VALUE_NUMBER_FLOAT -> scalar(p.getDoubleValue());
          case VALUE_TRUE -> scalar(Boolean.TRUE);
          case VALUE_FALSE -> scalar(Boolean.FALSE);
          case VALUE_NULL -> scalar(null);
          default -> throw refused("this kind of YAML value is not accepted");
        };
    if (anchor != null) {
      anchors.put(anchor, built);
    }
    return built;
  }

  private Built scalar(Object value) {
    count(1);
    return new Built(value, 1);
  }

  private Built object(int depth) throws IOException {
    deeper(depth);
    count(1);
    JsonObject obj = new JsonObject();
    List<JsonObject> merged = new ArrayList<>();
    long size = 1;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      refuseTag();
      if (p.isCurrentAlias()) {
        throw refused("an alias may not be a key");
      }
      String key = p.currentName();
      Built v = value(p.nextToken(), depth);
      size += v.nodes();
      if (MERGE.equals(key) && mergeable(v.value())) {
        collect(v.value(), merged);
      } else {
        obj.put(key, v.value());
      }
    }
    for (JsonObject m : merged) {
      m.forEach(e -> obj.getMap().putIfAbsent(e.getKey(), e.getValue()));
    }
    return new Built(obj, size);
  }

  private Built array(int depth) throws IOException {
    deeper(depth);
    count(1);
    JsonArray arr = new JsonArray();
    long size = 1;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      Built v = value(t, depth);
      size += v.nodes();
      arr.add(v.value());
    }
    return new Built(arr, size);
  }

  private Built alias(String name) {
    Built anchored = anchors.get(name);
    if (anchored == null) {
      throw refused("the alias *" + name + " names no anchor before it");
    }
    if (++aliases > MAX_ALIASES) {
      throw refused("more than " + MAX_ALIASES + " aliases");
    }
    count(anchored.nodes());
    return new Built(copy(anchored.value()), anchored.nodes());
  }

  private static boolean mergeable(Object v) {
    return v instanceof JsonObject
        || v instanceof JsonArray list && list.stream().allMatch(JsonObject.class::isInstance);
  }

  /** The mappings of a merge key, the first one winning (as YAML merge keys mean). */
  private static void collect(Object v, List<JsonObject> merged) {
    if (v instanceof JsonObject o) {
      merged.add(o);
    } else {
      ((JsonArray) v).forEach(o -> merged.add((JsonObject) o));
    }
  }

  private static Object copy(Object v) {
    if (v instanceof JsonObject o) {
      return o.copy();
    }
    return v instanceof JsonArray a ? a.copy() : v;
  }

  private void count(long more) {
    nodes += more;
    if (nodes > MAX_NODES) {
      throw refused("more than " + MAX_NODES + " values once its aliases are expanded");
    }
  }

  private void deeper(int depth) {
    if (depth > MAX_DEPTH) {
      throw refused("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void refuseTag() throws IOException {
    if (p.getTypeId() != null) {
      throw refused("YAML tags (such as !!python/object or !custom) are not accepted");
    }
  }

  private ApiFailure refused(String why) {
    JsonLocation at = p.currentTokenLocation();
    String where =
        at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return ApiFailure.badRequest("The YAML is refused: " + why + where);
  }
}
