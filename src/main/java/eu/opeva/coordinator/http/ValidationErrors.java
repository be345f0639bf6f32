package eu.opeva.coordinator.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the schema validator's output into one sentence per problem ({@link Problem}), naming the
 * field ("unknown field 'target_hots'", "config must be an object", "job_name must be a single line
 * without control characters"); the pointer to the field is kept beside it for tools. The schema
 * that failed is looked up in the contract, so a sentence can say what a pattern or a bound means.
 */
final class ValidationErrors {
  /** Keywords that only say that something inside them failed; their inner errors say what. */
  private static final Set<String> WRAPPERS =
      Set.of(
          "properties",
          "$ref",
          "$dynamicRef",
          "items",
          "prefixItems",
          "allOf",
          "anyOf",
          "oneOf",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "patternProperties",
          "contains",
          "propertyNames",
          "unevaluatedItems",
          "unevaluatedProperties");

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern PARAMETER =
      Pattern.compile("(path|query|header|cookie) parameter (\\S+?)[ .,:]");

  private final JsonObject contract;
  private final Map<String, String> patterns;

  /** Sentences for the schemas of {@code rawContract} (null: no schema to look patterns up in). */
  ValidationErrors(JsonObject rawContract) {
    this.contract = rawContract == null ? new JsonObject() : rawContract;
    this.patterns = PatternSentences.of(this.contract);
  }

  /**
   * The problems of a body that failed its schema {@code root}; pointers are JSON pointers into the
   * body.
   */
  List<Problem> body(OutputUnit result, JsonSchema root) {
    return problems(result, root, null, null);
  }

  /** The problems of a parameter's value that failed its schema {@code root}. */
  List<Problem> parameter(String name, String in, OutputUnit result, JsonSchema root) {
    return problems(result, root, name, in);
  }

  private List<Problem> problems(OutputUnit result, JsonSchema root, String param, String in) {
    List<OutputUnit> errors = new ArrayList<>();
    if (result != null && result.getErrors() != null) {
      errors.addAll(result.getErrors());
    }
    if (errors.isEmpty() && result != null && result.getError() != null) {
      errors.add(result);
    }
    JsonObject schema = root == null ? null : json(root);
    // A value of the wrong type fails the other keywords of its schema too: the type says it all.
    Set<String> wrongType = new java.util.HashSet<>();
    for (OutputUnit e : errors) {
      List<String> kw = segments(e.getKeywordLocation());
      if (!kw.isEmpty() && kw.get(kw.size() - 1).equals("type")) {
        wrongType.add(schemaPath(kw));
      }
    }
    Map<String, Problem> out = new LinkedHashMap<>();
    Map<String, List<String>> alternatives = new LinkedHashMap<>();
    for (OutputUnit e : errors) {
      String instance = pointer(e.getInstanceLocation());
      List<String> keywordPath = segments(e.getKeywordLocation());
      String keyword = keywordPath.isEmpty() ? "" : keywordPath.get(keywordPath.size() - 1);
      if (WRAPPERS.contains(keyword) || isSpill(keyword, instance, errors)) {
        continue;
      }
      if (!keyword.equals("type") && wrongType.contains(schemaPath(keywordPath))) {
        continue;
      }
      String subject = param != null ? param : subject(instance);
      JsonObject node = schema == null ? null : resolve(schema, keywordPath);
      String sentence = sentence(keyword, subject, instance, e, node);
      int choice = choiceAt(keywordPath);
      if (choice >= 0) {
        // One problem for a value that matches none of several alternatives.
        String key = instance + "|" + String.join("/", keywordPath.subList(0, choice + 1));
        alternatives.computeIfAbsent(key, k -> new ArrayList<>()).add(sentence);
        out.putIfAbsent(key, new Problem(subject, instance, param, in));
        continue;
      }
      out.putIfAbsent(sentence, new Problem(sentence, instance, param, in));
    }
    List<Problem> list = new ArrayList<>();
    out.forEach(
        (key, p) -> {
          List<String> options = alternatives.get(key);
          list.add(options == null ? p : p.withMessage(oneOf(p.message(), options)));
        });
    if (list.isEmpty()) {
      String subject = param != null ? param : "the request";
      list.add(new Problem(subject + " is not valid", "", param, in));
    }
    return list;
  }

  /**
   * With {@code additionalProperties: false}, the validator also reports every declared property
   * that failed its own schema as not matching "additional properties": only a property with no
   * other error is really unknown.
   */
  private static boolean isSpill(String keyword, String instance, List<OutputUnit> all) {
    if (!keyword.equals("additionalProperties")) {
      return false;
    }
    for (OutputUnit other : all) {
      String at = pointer(other.getInstanceLocation());
      List<String> kw = segments(other.getKeywordLocation());
      String otherKeyword = kw.isEmpty() ? "" : kw.get(kw.size() - 1);
      if (!otherKeyword.equals("additionalProperties")
          && (at.equals(instance) || at.startsWith(instance + "/"))) {
        return true;
      }
    }
    return false;
  }

  private String sentence(
      String keyword, String subject, String instance, OutputUnit e, JsonObject node) {
    String field = last(instance);
    String parent = subject(parentOf(instance));
    String in = instance.isEmpty() || parentOf(instance).isEmpty() ? "" : " in " + parent;
    Object limit = node == null ? null : node.getValue(keyword);
    return switch (keyword) {
      case "additionalProperties" -> "unknown field '" + field + "'" + in;
      case "required" -> {
        Matcher m = QUOTED.matcher(String.valueOf(e.getError()));
        String missing = m.find() ? m.group(1) : "?";
        yield "missing field '"
            + missing
            + "'"
            + (instance.isEmpty() ? "" : " in " + subject(instance));
      }
      case "type" -> subject + " must be " + types(node, e.getError());
      case "enum" -> subject + " must be " + choices(node == null ? null : node.getValue("enum"));
      case "const" -> subject + " must be " + literal(limit);
      case "pattern" -> subject + " " + patternSentence(limit);
      case "maxLength" -> subject + " is too long: at most " + number(limit, e) + " characters";
      case "minLength" ->
          isOne(limit)
              ? subject + " must not be empty"
              : subject + " is too short: at least " + number(limit, e) + " characters";
      case "maximum" -> subject + " must be at most " + number(limit, e);
      case "minimum" -> subject + " must be at least " + number(limit, e);
      case "exclusiveMaximum" -> subject + " must be less than " + number(limit, e);
      case "exclusiveMinimum" -> subject + " must be more than " + number(limit, e);
      case "multipleOf" -> subject + " must be a multiple of " + number(limit, e);
      case "maxItems" -> subject + " has too many items: at most " + number(limit, e);
      case "minItems" ->
          isOne(limit)
              ? subject + " must not be empty"
              : subject + " needs at least " + number(limit, e) + " items";
      case "maxProperties" -> subject + " has too many fields: at most " + number(limit, e);
      case "minProperties" ->
          isOne(limit)
              ? subject + " must not be empty"
              : subject + " needs at least " + number(limit, e) + " fields";
      case "uniqueItems" -> subject + " must not repeat an item";
      case "format" -> subject + " must be a valid " + (limit == null ? "value" : limit);
      default -> subject + " is not valid (" + e.getError() + ")";
    };
  }

  private String patternSentence(Object pattern) {
    String known = pattern == null ? null : patterns.get(String.valueOf(pattern));
    if (known != null) {
      return known;
    }
    return pattern == null
        ? "does not have the form it must have"
        : "does not have the form it must have (" + pattern + ")";
  }

  /** "config must be an object or a list", from the alternatives' own sentences. */
  private static String oneOf(String subject, List<String> options) {
    List<String> predicates = new ArrayList<>();
    for (String s : options) {
      String p = s.startsWith(subject + " ") ? s.substring(subject.length() + 1) : s;
      if (!predicates.contains(p)) {
        predicates.add(p);
      }
    }
    boolean allMustBe = predicates.stream().allMatch(p -> p.startsWith("must be "));
    if (allMustBe) {
      return subject
          + " must be "
          + String.join(" or ", predicates.stream().map(p -> p.substring(8)).toList());
    }
    return subject + ": " + String.join(", or ", predicates);
  }

  /** Where in the schema the keyword of {@code keywordPath} is. */
  private static String schemaPath(List<String> keywordPath) {
    return keywordPath.isEmpty()
        ? ""
        : String.join("/", keywordPath.subList(0, keywordPath.size() - 1));
  }

  /** The index of the last oneOf/anyOf in a keyword path, or -1. */
  private static int choiceAt(List<String> keywordPath) {
    for (int i = keywordPath.size() - 2; i >= 0; i--) {
      if (keywordPath.get(i).equals("oneOf") || keywordPath.get(i).equals("anyOf")) {
        return i;
      }
    }
    return -1;
  }

  private static String types(JsonObject node, String error) {
    List<String> names = new ArrayList<>();
    Object type = node == null ? null : node.getValue("type");
    if (type instanceof String s) {
      names.add(s);
    } else if (type instanceof JsonArray a) {
      a.forEach(t -> names.add(String.valueOf(t)));
    } else if (error != null && error.contains("Expected ")) {
      for (String t : error.substring(error.indexOf("Expected ") + 9).split(",")) {
        names.add(t.trim());
      }
    }
    List<String> described = new ArrayList<>();
    for (String t : names) {
      if (!t.equals("null") || names.size() == 1) {
        described.add(typeName(t));
      }
    }
    return described.isEmpty() ? "of another type" : String.join(" or ", described);
  }

  private static String typeName(String type) {
    return switch (type) {
      case "object" -> "an object";
      case "array" -> "a list";
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "null" -> "null";
      default -> type;
    };
  }

  private static String choices(Object values) {
    if (!(values instanceof JsonArray a)) {
      return "one of the allowed values";
    }
    List<String> names = new ArrayList<>();
    a.forEach(
        v -> {
          if (v != null) {
            names.add(literal(v));
          }
        });
    return names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
  }

  private static String literal(Object v) {
    return v instanceof String s ? s : String.valueOf(v);
  }

  private static boolean isOne(Object limit) {
    return limit instanceof Number n && n.longValue() == 1 && n.doubleValue() == 1;
  }

  /** The keyword's bound from the schema, else the last number of the validator's message. */
  private static String number(Object limit, OutputUnit e) {
    if (limit instanceof Number n) {
      return n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15
          ? String.valueOf(n.longValue())
          : String.valueOf(n);
    }
    Matcher m = Pattern.compile("(-?[0-9.]+)\\)?$").matcher(String.valueOf(e.getError()));
    return m.find() ? m.group(1) : "the limit";
  }

  /** The schema the failing keyword belongs to: the keyword path walked, {@code $ref}s followed. */
  private JsonObject resolve(JsonObject root, List<String> keywordPath) {
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

  private static JsonObject json(JsonSchema schema) {
    JsonObject out = new JsonObject();
    for (String name : schema.fieldNames()) {
      out.put(name, schema.<Object>get(name));
    }
    return out;
  }

  /** {@code #/a/b} (or {@code app:///#/a/b}) as its unescaped segments. */
  private static List<String> segments(String location) {
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
  private static String pointer(String location) {
    if (location == null) {
      return "";
    }
    int hash = location.indexOf('#');
    return hash < 0 ? location : location.substring(hash + 1);
  }

  private static String parentOf(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }

  private static String last(String pointer) {
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

  /**
   * The problems of a failure the router's own validation raised (operations that are not validated
   * by {@link CachedRequestValidation}; no schema to look bounds up in); null when the failure is
   * not a validation failure.
   */
  List<Problem> describe(Throwable failure) {
    Throwable cause = cause(failure);
    if (cause instanceof SchemaValidationException sve) {
      String message = sve.getMessage() == null ? "" : sve.getMessage() + " ";
      Matcher m = PARAMETER.matcher(message);
      return m.find()
          ? problems(sve.getOutputUnit(), null, m.group(2), m.group(1))
          : problems(sve.getOutputUnit(), null, null, null);
    }
    if (cause instanceof ValidatorException ve) {
      return List.of(new Problem(ve.getMessage(), null, null, null));
    }
    if (cause instanceof JsonSchemaValidationException jsve) {
      return List.of(new Problem("the request is not valid: " + jsve.getMessage(), "", null, null));
    }
    return null;
  }

  /** The sentence of a 400 that is not a validation failure. */
  static String plain(Throwable failure) {
    Throwable cause = cause(failure);
    return cause == null || cause.getMessage() == null ? "Bad Request" : cause.getMessage();
  }

  private static Throwable cause(Throwable failure) {
    return failure instanceof HttpException h && h.getCause() != null ? h.getCause() : failure;
  }
}
