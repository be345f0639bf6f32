package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ops}: operator actions; each is recorded with who did it and why. */
@Command(
    name = "ops",
    mixinStandardHelpOptions = true,
    description = "Operator actions: requeue, fail, cancel, cleanup (operators only)")
public final class OpsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: requeue, fail, cancel or cleanup");
  }

  @Command(
      name = "requeue",
      mixinStandardHelpOptions = true,
      description = "Put a job back in the queue (--force for finished, running or unknown ones)")
  int requeue(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "JOB") String id,
      @Option(names = "--force") boolean force,
      @Option(names = "--host", paramLabel = "HOST", description = "Prefer this host") String host,
      @Option(names = "--require-host", description = "Only --host may take it") boolean require,
      @Option(names = "--reason", paramLabel = "TEXT") String reason) {
    JsonObject body = action(force, reason);
    if (host != null) {
      body.put("preferred_host", host);
    }
    if (require) {
      body.put("require_host", true);
    }
    return send(client, "/ops/jobs/" + Api.segment(id) + "/requeue", body);
  }

  @Command(
      name = "fail",
      mixinStandardHelpOptions = true,
      description = "Mark an active job failed (--force for any state)")
  int fail(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "JOB") String id,
      @Option(names = "--force") boolean force,
      @Option(names = "--reason", paramLabel = "TEXT") String reason) {
    return send(client, "/ops/jobs/" + Api.segment(id) + "/fail", action(force, reason));
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a job that has not ended (--force for any state)")
  int cancel(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "JOB") String id,
      @Option(names = "--force") boolean force,
      @Option(names = "--reason", paramLabel = "TEXT") String reason) {
    return send(client, "/ops/jobs/" + Api.segment(id) + "/cancel", action(force, reason));
  }

  @Command(
      name = "cleanup",
      mixinStandardHelpOptions = true,
      description = {
        "queue: remove orphan queue files (--force: also cancel every queued job).",
        "jobs: delete ended jobs and orphan job folders, except --keep ones."
      })
  int cleanup(
      @Mixin ClientOptions client,
      @Parameters(paramLabel = "WHAT", description = "queue or jobs") String what,
      @Option(names = "--force", description = "queue: cancel every queued job too") boolean force,
      @Option(names = "--keep", paramLabel = "JOB", split = ",", description = "jobs: keep these")
          List<String> keep) {
    JsonObject body = new JsonObject();
    String path;
    if ("queue".equals(what)) {
      path = "/ops/queue/cleanup";
      if (force) {
        body.put("force", true);
      }
    } else if ("jobs".equals(what)) {
      path = "/ops/jobs/cleanup";
      if (keep != null && !keep.isEmpty()) {
        body.put("keep", new JsonArray(new ArrayList<>(keep)));
      }
    } else {
      throw CliException.usage("cleanup what? 'queue' or 'jobs', not '" + what + "'");
    }
    JsonObject answer = client.api().post(path).json(body).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
    } else {
      out.say("removed " + answer.getValue("count", 0) + " (" + what + ")");
      for (String key : List.of("removed", "removed_dirs", "orphan_removed")) {
        JsonArray ids = answer.getJsonArray(key);
        if (ids != null) {
          ids.forEach(i -> out.line(String.valueOf(i)));
        }
      }
    }
    return ExitCodes.OK;
  }

  private static JsonObject action(boolean force, String reason) {
    JsonObject body = new JsonObject();
    if (force) {
      body.put("force", true);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    return body;
  }

  private static int send(ClientOptions client, String path, JsonObject body) {
    JsonObject answer = client.api().post(path).json(body).send().object();
    Output out = client.out();
    if (out.json()) {
      out.print(answer);
    } else {
      out.say(
          answer.getString("message", "done")
              + (answer.getString("status") == null
                  ? ""
                  : " (" + out.status(answer.getString("status")) + ")"));
    }
    return ExitCodes.OK;
  }
}
