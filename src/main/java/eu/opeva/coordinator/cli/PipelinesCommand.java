package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipelines}: jobs created together and linked by dependencies. */
@Command(
    name = "pipelines",
    mixinStandardHelpOptions = true,
    description = "Pipelines: run FILE, list, show, cancel, rerun")
public final class PipelinesCommand implements Callable<Integer> {
  private static final Set<String> ENDED = Set.of("finished", "failed", "canceled");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: run, list, show, cancel or rerun");
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Create a pipeline from a local YAML/JSON file: {name, jobs: [{key, depends_on, ...}]}.",
        "A job's config_file (a local YAML, relative to FILE) is sent inline as its config.",
        "Prints the pipeline id; with --wait the exit code follows the pipeline."
      })
  int run(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "FILE") Path file,
      @Option(names = "--name", paramLabel = "NAME", description = "The pipeline's name")
          String name,
      @Option(names = "--wait", description = "Wait until every job ended") boolean wait,
      @Option(names = "--idempotency-key", paramLabel = "KEY") String key) {
    JsonObject body = request(file);
    if (name != null) {
      body.put("name", name);
    }
    JsonObject answer =
        client
            .api()
            .post("/pipelines")
            .idempotencyKey(key != null ? key : UUID.randomUUID().toString())
            .json(body)
            .send()
            .object();
    Output out = client.out();
    String id = answer.getString("pipeline_id");
    out.say(
        "created pipeline "
            + answer.getString("name", id)
            + " as "
            + id
            + " ("
            + answer.getJsonObject("jobs", new JsonObject()).size()
            + " jobs)");
    if (!wait) {
      if (out.json()) {
        out.print(answer);
      } else {
        out.line(id);
      }
      return ExitCodes.OK;
    }
    JsonObject end = until(client, id);
    if (out.json()) {
      out.print(end);
    } else {
      out.line(id);
    }
    String status = end.getString("status");
    if ("finished".equals(status)) {
      out.say("pipeline " + id + " " + out.status(status));
      return ExitCodes.OK;
    }
    out.error("pipeline " + id + " " + out.status(status));
    return ExitCodes.FAILED;
  }

  /** The request of {@code file}, with each job's {@code config_file} read in. */
  static JsonObject request(Path file) {
    JsonObject body = LocalFiles.mapping(file);
    Object jobs = body.getValue("jobs");
    if (!(jobs instanceof JsonArray list)) {
      throw CliException.usage(file + ": 'jobs' must be a list of jobs");
    }
    Path dir = file.toAbsolutePath().getParent();
    for (Object o : list) {
      if (o instanceof JsonObject job && job.getValue("config_file") != null) {
        Path config = dir.resolve(String.valueOf(job.remove("config_file")));
        job.put("config", LocalFiles.mapping(config));
      }
    }
    return body;
  }

  private static JsonObject until(ClientOptions client, String id) {
    while (true) {
      JsonObject p = client.api().get("/pipelines/" + Api.segment(id)).send().object();
      if (ENDED.contains(p.getString("status"))) {
        return p;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        throw Api.interrupted();
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Pipelines, newest first")
  int list(
      @Mixin ClientOptions client,
      @Option(
              names = {"-n", "--limit"},
              paramLabel = "N",
              defaultValue = "20")
          int limit,
      @Option(names = "--offset", paramLabel = "N", defaultValue = "0") int offset) {
    var page = Listing.page(client, "/pipelines", "pipelines", limit, offset);
    if (page.isEmpty()) {
      return ExitCodes.OK;
    }
    JsonObject answer = page.get();
    JsonArray all = answer.getJsonArray("pipelines");
    Output out = client.out();
    Instant now = out.now();
    Table t = new Table("PIPELINE", "NAME", "STATUS", "JOBS", "BY", "CREATED", "UPDATED");
    for (Object o : all) {
      JsonObject p = (JsonObject) o;
      t.row(
          p.getString("pipeline_id"),
          p.getString("name"),
          out.status(p.getString("status")),
          String.valueOf(p.getJsonObject("jobs", new JsonObject()).size()),
          p.getString("submitted_by"),
          Times.relative(p.getValue("created_at"), now),
          Times.relative(p.getValue("updated_at"), now));
    }
    t.print(out);
    int total = answer.getInteger("total", all.size());
    if (offset + all.size() < total) {
      out.say(
          out.dim(
              (offset + all.size())
                  + " of "
                  + total
                  + "; the next ones: --offset "
                  + (offset + all.size())));
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A pipeline's jobs: key, job, status, dependencies")
  int show(@Mixin ClientOptions client, @Parameters(paramLabel = "PIPELINE") String id) {
    JsonObject p = client.api().get("/pipelines/" + Api.segment(id)).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(p);
      return ExitCodes.OK;
    }
    out.line(
        p.getString("name", "")
            + " "
            + p.getString("pipeline_id")
            + " "
            + out.status(p.getString("status"))
            + ", created "
            + Times.relative(p.getValue("created_at"), out.now())
            + (p.getString("submitted_by") == null ? "" : " by " + p.getString("submitted_by")));
    Table t = new Table("KEY", "JOB", "STATUS", "DEPENDS ON", "RUN IF", "EARLIER JOBS");
    for (Object o : p.getJsonArray("nodes", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      t.row(
          n.getString("key"),
          n.getString("job_id"),
          out.status(n.getString("status")),
          join(n.getJsonArray("depends_on")),
          n.getString("run_if"),
          join(n.getJsonArray("previous_job_ids")));
    }
    t.print(out);
    return ExitCodes.OK;
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel every job of the pipeline that has not ended")
  int cancel(@Mixin ClientOptions client, @Parameters(paramLabel = "PIPELINE") String id) {
    JsonObject answer =
        client.api().post("/pipelines/" + Api.segment(id) + "/cancel").send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
    } else {
      out.say("pipeline " + id + " " + out.status(answer.getString("status")));
      Table t = new Table("KEY", "JOB", "OUTCOME");
      answer
          .getJsonObject("jobs", new JsonObject())
          .forEach(
              e -> {
                JsonObject r = e.getValue() instanceof JsonObject o ? o : new JsonObject();
                String outcome =
                    r.getString("error", r.getString("message", r.getString("status")));
                t.row(e.getKey(), r.getString("job_id"), outcome);
              });
      if (!t.isEmpty()) {
        t.print(out);
      }
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "rerun",
      mixinStandardHelpOptions = true,
      description = "Re-run jobs by key (or --all) with the predecessors they need")
  int rerun(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "PIPELINE", index = "0") String id,
      @Parameters(paramLabel = "KEY", index = "1..*", arity = "0..*") List<String> keys,
      @Option(names = "--all", description = "Every job of the pipeline") boolean all,
      @Option(names = "--force", description = "Also re-run predecessors that finished")
          boolean force) {
    List<String> chosen = keys == null ? new ArrayList<>() : keys;
    if (all == !chosen.isEmpty()) {
      throw CliException.usage("name the KEYs of the jobs to re-run, or --all");
    }
    JsonObject body =
        new JsonObject().put("jobs", all ? "ALL" : new JsonArray(new ArrayList<>(chosen)));
    if (force) {
      body.put("force", true);
    }
    JsonObject answer =
        client.api().post("/pipelines/" + Api.segment(id) + "/rerun").json(body).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
      return ExitCodes.OK;
    }
    Table t = new Table("KEY", "NEW JOB");
    answer
        .getJsonObject("jobs", new JsonObject())
        .forEach(e -> t.row(e.getKey(), String.valueOf(e.getValue())));
    t.print(out);
    JsonArray skipped = answer.getJsonArray("skipped", new JsonArray());
    if (!skipped.isEmpty()) {
      out.say("skipped (finished): " + join(skipped));
    }
    return ExitCodes.OK;
  }

  private static String join(JsonArray a) {
    return a == null || a.isEmpty()
        ? ""
        : String.join(",", a.stream().map(String::valueOf).toList());
  }
}
