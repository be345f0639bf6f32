package eu.opeva.coordinator.http;

import static eu.opeva.coordinator.http.SchemaPointers.pointer;
import static eu.opeva.coordinator.http.SchemaPointers.segments;
import static eu.opeva.coordinator.http.SchemaPointers.subject;

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

  private static final Pattern PARAMETER =
      Pattern.compile("(path|query|header|cookie) parameter (\\S+?)[ .,:]");

  private final SchemaPointers pointers;
  private final ProblemSentences sentences;

  /** Sentences for the schemas of {@code rawContract} (null: no schema to look patterns up in). */
  ValidationErrors(JsonObject rawContract) {
    JsonObject contract = rawContract == null ? new JsonObject() : rawContract;
    this.pointers = new SchemaPointers(contract);
    this.sentences = new ProblemSentences(PatternSentences.of(contract));
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
    JsonObject schema = root == null ? null : SchemaPointers.json(root);
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
      JsonObject node = schema == null ? null : pointers.resolve(schema, keywordPath);
      String sentence = sentences.sentence(keyword, subject, instance, e, node);
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
          list.add(
              options == null ? p : p.withMessage(ProblemSentences.oneOf(p.message(), options)));
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
