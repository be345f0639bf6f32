package eu.opeva.coordinator.hostile;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with an answer, if anything: none, a 5xx, a refusal that did not happen (or came
 * with another status than the one the case names), an error without the one error shape or its
 * request id, a 401 without {@code WWW-Authenticate}, an error that shows a stack trace, an
 * exception's name or a host path.
 */
final class AnswerChecks {
  private static final List<String> LEAKS =
      List.of("Exception", "\tat ", "java.", "io.vertx.", "io.netty.", "eu.opeva.");

  private final List<String> hostPaths;

  /** {@code hostPaths}: folders of this machine no answer may name (the shared root, the home). */
  AnswerChecks(List<String> hostPaths) {
    this.hostPaths = hostPaths;
  }

  List<String> problems(HostileRequest r, Answer a) {
    List<String> out = new ArrayList<>();
    if (a.failure() != null) {
      out.add("no answer within " + HostileClient.TIMEOUT_MS + " ms: " + a.failure());
      return out;
    }
    int s = a.status();
    if (s >= 500 || s < 100) {
      out.add("status " + s);
    }
    if (r.expect() == HostileRequest.Expect.REFUSE) {
      if (s < 400) {
        out.add("not refused: " + s);
      } else if (s < 500 && !r.statuses().isEmpty() && !r.statuses().contains(s)) {
        out.add("refused with " + s + ", expected one of " + r.statuses());
      }
    }
    if (s >= 400 && !"HEAD".equals(r.method())) {
      shape(r, a, out);
    }
    if (s == 401 && a.header("www-authenticate") == null) {
      out.add("401 without WWW-Authenticate");
    }
    return out;
  }

  /**
   * A 400 of validation also lists each problem ({@code errors}: a message, and the JSON pointer or
   * the parameter it is about); true when that list is well formed.
   */
  private static boolean validationErrors(JsonObject body, List<String> out, String text) {
    if (!(body.getValue("errors") instanceof io.vertx.core.json.JsonArray errors)
        || errors.isEmpty()) {
      return false;
    }
    for (Object e : errors) {
      if (!(e instanceof JsonObject problem)
          || !(problem.getValue("message") instanceof String m)
          || m.isBlank()) {
        out.add("an entry of errors has no message: " + cut(text));
        return true;
      }
    }
    return true;
  }

  private void shape(HostileRequest r, Answer a, List<String> out) {
    String text = a.text();
    JsonObject body;
    try {
      body = new JsonObject(text);
    } catch (RuntimeException e) {
      out.add("error body is not a JSON object: " + cut(text));
      return;
    }
    java.util.Set<String> fields = new java.util.HashSet<>(body.fieldNames());
    boolean core = fields.remove("detail") & fields.remove("request_id");
    boolean rest =
        fields.isEmpty()
            || (fields.equals(java.util.Set.of("errors")) && validationErrors(body, out, text));
    if (!core || !rest) {
      out.add("error body is not {detail, request_id[, errors]}: " + cut(text));
    }
    Object detail = body.getValue("detail");
    if (detail == null || (detail instanceof String d && d.isBlank())) {
      out.add("error without a detail: " + cut(text));
    }
    String id = body.getValue("request_id") instanceof String i ? i : null;
    if (id == null || !id.equals(a.header("x-request-id"))) {
      out.add("request_id " + id + " is not the X-Request-Id " + a.header("x-request-id"));
    }
    String sent =
        r.target() + (r.body() == null ? "" : new String(r.body(), StandardCharsets.UTF_8));
    for (String leak : LEAKS) {
      if (text.contains(leak) && !sent.contains(leak)) {
        out.add("error shows '" + leak.trim() + "': " + cut(text));
      }
    }
    for (String path : hostPaths) {
      if (text.contains(path) && !sent.contains(path)) {
        out.add("error names a host path: " + cut(text));
      }
    }
  }

  private static String cut(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
