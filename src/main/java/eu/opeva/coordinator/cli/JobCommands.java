package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands on one job: {@code status}, {@code info}, {@code why}, {@code stop} ... */
final class JobCommands {
  private JobCommands() {}

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "A job's status in one line (its status.json with --json)")
  static int status(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB") String id) {
    JsonObject s = JobWait.status(client.api(), id);
    Output out = client.out();
    if (out.json()) {
      out.print(s);
      return ExitCodes.OK;
    }
    Instant now = out.now();
    StringBuilder line = new StringBuilder(out.status(s.getString("status")));
    if (s.getValue("exit_code") != null) {
      line.append(" (exit code ").append(s.getValue("exit_code")).append(')');
    }
    String host = s.getString("worker_id", s.getString("target_host"));
    if (host != null) {
      line.append(" on ").append(host);
    }
    if (s.getString("error") != null) {
      line.append(": ").append(s.getString("error"));
    }
    Object last = s.getValue("last_status_at", s.getValue("submitted_at"));
    line.append(", ").append(Times.relative(last, now));
    out.line(line.toString());
    return ExitCodes.OK;
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Everything about a job: settings, times, durations, attempts, links")
  static int info(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB") String id) {
    JsonObject info = client.api().get("/job-info/" + Api.segment(id)).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(info);
      return ExitCodes.OK;
    }
    JobInfoView.print(out, info);
    return ExitCodes.OK;
  }

  @Command(
      name = "why",
      mixinStandardHelpOptions = true,
      description = "Why a job is not running (yet), reason by reason")
  static int why(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB") String id) {
    JsonObject why = client.api().get("/jobs/" + Api.segment(id) + "/why").send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(why);
      return ExitCodes.OK;
    }
    StringBuilder head = new StringBuilder(out.status(why.getString("status")));
    JsonObject queue = why.getJsonObject("queue");
    if (queue != null) {
      head.append(" (position ")
          .append(queue.getValue("position"))
          .append(", priority ")
          .append(queue.getValue("priority"))
          .append(", effective ")
          .append(queue.getValue("effective_priority"))
          .append(')');
    }
    out.line(head.toString());
    JsonArray reasons = why.getJsonArray("reasons", new JsonArray());
    if (reasons.isEmpty() && why.getBoolean("running", false)) {
      out.line("  it is running");
    }
    for (Object r : reasons) {
      JsonObject reason = (JsonObject) r;
      out.line("  " + out.bold(reason.getString("code")) + ": " + reason.getString("message"));
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Cancel a queued job, or ask the worker to stop a running one")
  static int stop(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB") String id) {
    return message(client, client.api().post("/stop/" + Api.segment(id)).send().object());
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a job and its folder (operators)")
  static int delete(@Mixin ClientOptions client, @Parameters(paramLabel = "JOB") String id) {
    return message(client, client.api().delete("/job/" + Api.segment(id)).send().object());
  }

  @Command(
      name = "rerun",
      mixinStandardHelpOptions = true,
      description = {
        "Run an ended job again from its own config snapshot; prints the new job's id.",
        "Pinned to the same host unless --host or --any-host."
      })
  static int rerun(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "JOB") String id,
      @Option(names = "--host", paramLabel = "HOST", description = "Run it on this host")
          String host,
      @Option(names = "--any-host", description = "Let any host run it") boolean anyHost,
      @Option(names = "--wait", description = "Wait until the new job ends") boolean wait,
      @Option(
              names = {"-f", "--follow"},
              description = "Stream the new job's log until it ends")
          boolean follow) {
    JsonObject body = new JsonObject();
    if (host != null && anyHost) {
      throw CliException.usage("--host and --any-host exclude each other");
    }
    if (host != null) {
      body.put("target_host", host);
    } else if (anyHost) {
      body.putNull("target_host");
    }
    JsonObject answer =
        client.api().post("/jobs/" + Api.segment(id) + "/rerun").json(body).send().object();
    return Submission.finish(client, answer, wait, follow);
  }

  /** An answer that is only a message: to stderr, or the whole answer as JSON. */
  static int message(ClientOptions client, JsonObject answer) {
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
    } else {
      out.say(answer.getString("message", answer.encode()));
    }
    return ExitCodes.OK;
  }
}
