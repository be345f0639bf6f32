package eu.opeva.coordinator.http;

import io.vertx.core.json.JsonObject;

/**
 * One problem of a refused request: a sentence a person understands, and where it is for tools: the
 * JSON pointer into the body ({@code "/target_hots"}, {@code ""} for the body itself), or the
 * parameter and where it was given.
 */
public record Problem(String message, String pointer, String parameter, String in) {
  /** A problem of the body at {@code pointer}. */
  public static Problem at(String pointer, String message) {
    return new Problem(message, pointer, null, null);
  }

  Problem withMessage(String m) {
    return new Problem(m, pointer, parameter, in);
  }

  /** {@code {message, pointer}} or {@code {message, parameter, in}}. */
  JsonObject toJson() {
    JsonObject out = new JsonObject().put("message", message);
    if (parameter != null) {
      return out.put("parameter", parameter).put("in", in);
    }
    return pointer == null ? out : out.put("pointer", pointer);
  }
}
