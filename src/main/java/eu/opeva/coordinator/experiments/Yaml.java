package eu.opeva.coordinator.experiments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** YAML in and out of Vert.x JSON values (experiment configs). */
public final class Yaml {
  private static final ObjectMapper READER = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper WRITER =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final ObjectMapper SORTED_WRITER =
      WRITER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Yaml() {}

  /**
   * Parses a document into a JsonObject, JsonArray, scalar or null. A document that does not parse
   * is a 400 whose detail carries the 1-based line and column; callers may answer it otherwise.
   */
  public static Object parse(String text) {
    try {
      Object value = READER.readValue(text, Object.class);
      return wrap(value);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw ApiFailure.badRequest(e.getOriginalMessage() + where);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return new JsonArray((List<Object>) list);
    }
    return value;
  }

  /** Keys in insertion order. */
  public static String dump(JsonObject value) {
    return write(WRITER, value);
  }

  /** Keys sorted alphabetically (the way the replaced service saved inline configs). */
  public static String dumpSorted(JsonObject value) {
    return write(SORTED_WRITER, value);
  }

  private static String write(ObjectMapper mapper, JsonObject value) {
    try {
      return mapper.writeValueAsString(plain(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /**
   * Nested JsonObject/JsonArray values as plain maps and lists (Jackson would write them as beans).
   */
  @SuppressWarnings("unchecked")
  private static Object plain(Object value) {
    if (value instanceof JsonObject obj) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      obj.getMap().forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (value instanceof JsonArray arr) {
      return arr.getList().stream().map(Yaml::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      return plain(new JsonObject(new java.util.LinkedHashMap<>((Map<String, Object>) map)));
    }
    if (value instanceof List<?> list) {
      return plain(new JsonArray(new java.util.ArrayList<>(list)));
    }
    return value;
  }
}
