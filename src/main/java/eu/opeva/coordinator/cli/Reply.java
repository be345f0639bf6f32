package eu.opeva.coordinator.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A whole answer of the coordinator. */
record Reply(int status, HttpHeaders headers, byte[] body) {
  boolean ok() {
    return status >= 200 && status < 300;
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The body as JSON (object, array or scalar); a body that is not JSON is a server failure. */
  Object json() {
    try {
      return Json.decodeValue(text());
    } catch (DecodeException e) {
      throw new CliException(
          ExitCodes.UNAVAILABLE, "the coordinator's answer is not JSON (HTTP " + status + ")");
    }
  }

  JsonObject object() {
    if (json() instanceof JsonObject o) {
      return o;
    }
    throw new CliException(ExitCodes.UNAVAILABLE, "the coordinator's answer is not a JSON object");
  }

  JsonArray array() {
    if (json() instanceof JsonArray a) {
      return a;
    }
    throw new CliException(ExitCodes.UNAVAILABLE, "the coordinator's answer is not a JSON array");
  }

  /** The {@code detail} of the coordinator's error shape, else the text, else the status. */
  String detail() {
    return detail(status, text());
  }

  static String detail(int status, String text) {
    try {
      if (Json.decodeValue(text) instanceof JsonObject o && o.containsKey("detail")) {
        Object d = o.getValue("detail");
        return d instanceof String s ? s : Json.encode(d);
      }
    } catch (DecodeException e) {
      // not JSON: the text itself
    }
    String t = text.strip();
    return t.isEmpty() || t.length() > 300 ? "HTTP " + status : t;
  }
}
