package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code schedules}: cron schedules that submit a job or a pipeline. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = "Cron schedules: list, create, show, pause, resume, run, delete")
public final class SchedulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: list, create, show, pause, resume, run or delete");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Schedules with their next and last run")
  int list(
      @Mixin ClientOptions client,
      @Option(
              names = {"-n", "--limit"},
              paramLabel = "N",
              defaultValue = "100")
          int limit,
      @Option(names = "--offset", paramLabel = "N", defaultValue = "0") int offset) {
    var page = Listing.page(client, "/schedules", "schedules", limit, offset);
    if (page.isEmpty()) {
      return ExitCodes.OK;
    }
    JsonObject answer = page.get();
    JsonArray all = answer.getJsonArray("schedules");
    Output out = client.out();
    Instant now = out.now();
    Table t =
        new Table("SCHEDULE", "NAME", "CRON", "ZONE", "STATE", "NEXT RUN", "LAST RUN", "LAST");
    for (Object o : all) {
      JsonObject s = (JsonObject) o;
      JsonObject last = s.getJsonObject("last_run");
      t.row(
          s.getString("schedule_id"),
          s.getString("name"),
          s.getString("cron"),
          s.getString("timezone", "UTC"),
          s.getBoolean("enabled", true) ? out.good("active") : out.status("paused"),
          Times.relative(s.getValue("next_run_at"), now),
          Times.relative(s.getValue("last_run_at"), now),
          last == null ? "" : out.status(last.getString("status", last.getString("state"))));
    }
    t.print(out);
    return ExitCodes.OK;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a schedule: at the times of --cron it submits the job of FILE (or"
            + " --config-path, and the job options), or the pipeline of --pipeline.",
        "cron: five Unix fields, or six with seconds first. Prints the schedule id."
      })
  int create(
      @Mixin ClientOptions client,
      @Mixin JobOptions job,
      @Parameters(index = "0", paramLabel = "NAME", description = "The schedule's name")
          String name,
      @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "Job YAML")
          Path file,
      @Option(names = "--cron", required = true, paramLabel = "EXPR") String cron,
      @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone (UTC)")
          String zone,
      @Option(names = "--pipeline", paramLabel = "FILE", description = "A pipeline file instead")
          Path pipeline,
      @Option(
              names = "--overlap",
              paramLabel = "POLICY",
              description = "skip (default), allow or cancel_previous")
          String overlap,
      @Option(names = "--catchup", paramLabel = "POLICY", description = "once (default) or none")
          String catchup,
      @Option(names = "--paused", description = "Create it paused") boolean paused,
      @Option(names = "--idempotency-key", paramLabel = "KEY") String key) {
    JsonObject body = new JsonObject().put("name", name).put("cron", cron);
    if (pipeline != null) {
      if (file != null) {
        throw CliException.usage("give a job FILE or --pipeline, not both");
      }
      body.put("pipeline", PipelinesCommand.request(pipeline));
    } else {
      body.put("job", job.body(file));
    }
    putIf(body, "timezone", zone);
    putIf(body, "overlap", overlap);
    putIf(body, "catchup", catchup);
    if (paused) {
      body.put("enabled", false);
    }
    JsonObject answer =
        client
            .api()
            .post("/schedules")
            .idempotencyKey(key != null ? key : UUID.randomUUID().toString())
            .json(body)
            .send()
            .object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
    } else {
      out.line(answer.getString("schedule_id"));
      out.say(
          "created schedule "
              + name
              + " as "
              + answer.getString("schedule_id")
              + "; next run "
              + Times.relative(answer.getValue("next_run_at"), out.now()));
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A schedule and its recent runs")
  int show(@Mixin ClientOptions client, @Parameters(paramLabel = "SCHEDULE") String id) {
    JsonObject s = client.api().get("/schedules/" + Api.segment(id)).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(s);
      return ExitCodes.OK;
    }
    Instant now = out.now();
    out.line(s.getString("name") + " " + s.getString("schedule_id"));
    out.line("cron:     " + s.getString("cron") + " (" + s.getString("timezone", "UTC") + ")");
    out.line(
        "state:    " + (s.getBoolean("enabled", true) ? out.good("active") : out.status("paused")));
    out.line("submits:  " + (s.containsKey("pipeline") ? "a pipeline" : "a job"));
    out.line(
        "overlap:  "
            + s.getString("overlap", "skip")
            + ", catch-up "
            + s.getString("catchup", "once"));
    out.line(
        "next run: "
            + Times.relative(s.getValue("next_run_at"), now)
            + " "
            + str(s.getValue("next_run_local")));
    JsonArray runs = s.getJsonArray("runs", new JsonArray());
    if (!runs.isEmpty()) {
      out.line("");
      Table t = new Table("PLANNED", "TRIGGER", "STATE", "JOB OR PIPELINE", "STATUS");
      for (Object o : runs) {
        JsonObject r = (JsonObject) o;
        t.row(
            Times.relative(r.getValue("scheduled_for"), now),
            r.getString("trigger"),
            r.getString("state"),
            r.getString("job_id", r.getString("pipeline_id")),
            out.status(r.getString("status")));
      }
      t.print(out);
    }
    return ExitCodes.OK;
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "No runs until resumed")
  int pause(@Mixin ClientOptions client, @Parameters(paramLabel = "SCHEDULE") String id) {
    return action(client, id, "pause", "paused");
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Runs again from now on (none for the time it was paused)")
  int resume(@Mixin ClientOptions client, @Parameters(paramLabel = "SCHEDULE") String id) {
    return action(client, id, "resume", "resumed");
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run it now, once (paused or not; the overlap policy applies).",
        "Prints the job or pipeline it submitted; exits 1 when the run was skipped or refused."
      })
  int run(@Mixin ClientOptions client, @Parameters(paramLabel = "SCHEDULE") String id) {
    JsonObject answer = client.api().post("/schedules/" + Api.segment(id) + "/run").send().object();
    Output out = client.out();
    JsonObject run = answer.getJsonObject("run", new JsonObject());
    String state = run.getString("state", "?");
    String created = run.getString("job_id", run.getString("pipeline_id"));
    if (out.json()) {
      out.print(answer);
    } else if (created != null) {
      out.line(created);
    }
    String what =
        "schedule "
            + id
            + " ran: "
            + state
            + (created == null ? "" : " " + created)
            + (run.getString("detail") == null ? "" : " (" + run.getString("detail") + ")");
    if ("submitted".equals(state) || "submitting".equals(state)) {
      out.say(what);
      return ExitCodes.OK;
    }
    out.error(what);
    return ExitCodes.FAILED;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a schedule (what it submitted stays)")
  int delete(@Mixin ClientOptions client, @Parameters(paramLabel = "SCHEDULE") String id) {
    return JobCommands.message(
        client, client.api().delete("/schedules/" + Api.segment(id)).send().object());
  }

  private static int action(ClientOptions client, String id, String action, String done) {
    JsonObject s =
        client.api().post("/schedules/" + Api.segment(id) + "/" + action).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(s);
    } else {
      out.say(
          "schedule "
              + id
              + " "
              + done
              + "; next run "
              + Times.relative(s.getValue("next_run_at"), out.now()));
    }
    return ExitCodes.OK;
  }

  private static String str(Object v) {
    return v == null ? "" : "(" + v + ")";
  }

  private static void putIf(JsonObject body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
