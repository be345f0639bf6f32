package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Where the bytes of a job's log go, each chunk with the byte offset it starts at. */
interface LogSink {
  void write(byte[] bytes, int length, long offset);

  /** The log ended (or this stream of it): flush what is pending. */
  default void end() {}

  /** Nothing: waiting for the end of a job without showing its log. */
  LogSink DISCARD = (bytes, length, offset) -> {};

  /** The bytes as they are. */
  static LogSink raw(PrintStream out) {
    return (bytes, length, offset) -> {
      out.write(bytes, 0, length);
      out.flush();
    };
  }

  /** One JSON object per line, {@code {"offset": N, "line": "..."}} (JSON Lines). */
  static LogSink jsonLines(PrintStream out) {
    return new LogSink() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();
      private long lineStart = -1;

      @Override
      public void write(byte[] bytes, int length, long offset) {
        for (int i = 0; i < length; i++) {
          if (lineStart < 0) {
            lineStart = offset + i;
          }
          if (bytes[i] == '\n') {
            emit();
          } else {
            line.write(bytes[i]);
          }
        }
      }

      @Override
      public void end() {
        if (lineStart >= 0) {
          emit();
        }
      }

      private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        out.println(new JsonObject().put("offset", lineStart).put("line", text).encode());
        out.flush();
        line.reset();
        lineStart = -1;
      }
    };
  }
}
