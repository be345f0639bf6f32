package eu.opeva.coordinator.experiments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * YAML in and out of Vert.x JSON values (experiment configs). Parsing is bounded: the document's
 * size in code points (SnakeYAML's reader), nesting, aliases and tags ({@link YamlTree}); callers
 * check the size in bytes first and parse on the YAML pool ({@link ConfigYaml}).
 */
public final class Yaml {
  /** The status of a document that does not parse (callers answer it as they must). */
  public static final int SYNTAX = 422;

  private static final Map<Long, YAMLFactory> READERS = new ConcurrentHashMap<>();
  private static final ObjectMapper WRITER =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final ObjectMapper SORTED_WRITER =
      WRITER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Yaml() {}

  /**
   * Parses a document of at most {@code maxCodePoints} into a JsonObject, JsonArray, scalar or
   * null. A document that does not parse is a {@link #SYNTAX} failure whose detail carries the
   * 1-based line and column; one over the limits, or with a tag, a 400.
   */
  public static Object parse(String text, long maxCodePoints) {
    YAMLFactory factory = READERS.computeIfAbsent(maxCodePoints, Yaml::reader);
    try (YAMLParser parser = (YAMLParser) factory.createParser(text)) {
      return YamlTree.read(parser);
    } catch (StreamConstraintsException e) {
      // Jackson's own limits (number length ...); its message names the Java setting: cut it.
      throw ApiFailure.badRequest(
          "The YAML is refused: " + e.getOriginalMessage().replaceAll(",? from `[^`]*`", ""));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ApiFailure(SYNTAX, e.getOriginalMessage() + where);
    } catch (IOException e) {
      throw new ApiFailure(SYNTAX, "The YAML cannot be read");
    }
  }

  /** SnakeYAML's reader with the limits it applies itself, the same ones kept by the tree. */
  private static YAMLFactory reader(long maxCodePoints) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxCodePoints));
    options.setMaxAliasesForCollections(YamlTree.MAX_ALIASES);
    options.setNestingDepthLimit(YamlTree.MAX_DEPTH);
    options.setAllowRecursiveKeys(false);
    options.setTagInspector(tag -> false);
    return YAMLFactory.builder().loaderOptions(options).build();
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
