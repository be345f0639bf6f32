package eu.opeva.coordinator.http;

import static eu.opeva.coordinator.http.SchemaPointers.last;
import static eu.opeva.coordinator.http.SchemaPointers.parentOf;
import static eu.opeva.coordinator.http.SchemaPointers.subject;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sentence of one failed schema keyword, naming the field and saying what it must be. */
final class ProblemSentences {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private final Map<String, String> patterns;

  ProblemSentences(Map<String, String> patterns) {
    this.patterns = patterns;
  }

  String sentence(String keyword, String subject, String instance, OutputUnit e, JsonObject node) {
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
  static String oneOf(String subject, List<String> options) {
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
}
