package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs the command line in this JVM (picocli's execute) with its own environment and streams. */
final class CliRun {
  private CliRun() {}

  /** What one run left: its exit code, stdout and stderr. */
  record Result(int code, String out, String err, byte[] outBytes) {
    JsonObject json() {
      return new JsonObject(out);
    }

    JsonArray array() {
      return new JsonArray(out);
    }

    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A run under way in another thread, whose stdout can be read while it runs. */
  record Live(ByteArrayOutputStream stdout, CompletableFuture<Result> result) {
    String out() {
      synchronized (stdout) {
        return stdout.toString(StandardCharsets.UTF_8);
      }
    }
  }

  static Live start(Map<String, String> env, Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return new Live(
        out,
        CompletableFuture.supplyAsync(
            () -> run(env, clock, false, out, new ByteArrayOutputStream(), args)));
  }

  static Result run(Map<String, String> env, Clock clock, boolean terminal, String... args) {
    return run(
        env, clock, terminal, new ByteArrayOutputStream(), new ByteArrayOutputStream(), args);
  }

  private static Result run(
      Map<String, String> env,
      Clock clock,
      boolean terminal,
      ByteArrayOutputStream out,
      ByteArrayOutputStream err,
      String... args) {
    CliContext ctx =
        new CliContext(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            terminal,
            clock,
            "opeva");
    int code = Cli.execute(ctx, args);
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        out.toByteArray());
  }
}
