package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Instant;

/** Data to stdout, messages to stderr; colours only on a terminal and never with NO_COLOR. */
final class Output {
  private static final String RESET = "\u001b[0m";

  private final CliContext ctx;
  private final boolean json;

  Output(CliContext ctx, boolean json) {
    this.ctx = ctx;
    this.json = json;
  }

  /** Whether --json was asked for: the answer as JSON on stdout, nothing else there. */
  boolean json() {
    return json;
  }

  boolean colours() {
    return ctx.colours();
  }

  Instant now() {
    return ctx.clock().instant();
  }

  PrintStream stdout() {
    return ctx.out();
  }

  void line(String text) {
    ctx.out().println(text);
  }

  /** A JSON value, pretty-printed, as the one thing on stdout. */
  void print(Object value) {
    if (value instanceof JsonObject o) {
      line(o.encodePrettily());
    } else if (value instanceof JsonArray a) {
      line(a.encodePrettily());
    } else {
      line(io.vertx.core.json.Json.encode(value));
    }
  }

  /** A message for the person at the terminal (stderr). */
  void say(String message) {
    ctx.err().println(message);
  }

  /** A warning or an error, prefixed with the command's name (stderr). */
  void warn(String message) {
    ctx.err().println(paint(ctx.name() + ": ", "1") + message);
  }

  void error(String message) {
    ctx.err().println(paint(ctx.name() + ": ", "1;31") + message);
  }

  /** A job, pipeline or run status in its colour. */
  String status(String status) {
    if (status == null) {
      return "-";
    }
    String code =
        switch (status) {
          case "finished", "succeeded", "available" -> "32";
          case "failed", "dependency_failed" -> "31";
          case "running", "dispatched", "launching" -> "36";
          case "stop_requested", "stopped", "canceled", "paused" -> "33";
          default -> null;
        };
    return code == null ? status : paint(status, code);
  }

  /** Text in the colour of a good state ("online"). */
  String good(String text) {
    return paint(text, "32");
  }

  /** Dim text (hints, ids in messages). */
  String dim(String text) {
    return paint(text, "2");
  }

  String bold(String text) {
    return paint(text, "1");
  }

  private String paint(String text, String code) {
    return colours() ? "\u001b[" + code + "m" + text + RESET : text;
  }

  /** The length of {@code text} as shown, without colour codes. */
  static int visible(String text) {
    return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
  }
}
