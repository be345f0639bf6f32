package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code submit}: one job, from a local YAML file or a config on the coordinator. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a job: FILE (a local YAML experiment config, sent inline) or --config-path.",
      "Prints the job id. With --wait the exit code follows the job (0 finished, 1 otherwise);"
          + " --follow also streams its log until it ends."
    })
public final class SubmitCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin JobOptions job;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Experiment YAML")
  Path file;

  @Option(names = "--wait", description = "Wait until the job ends")
  boolean waitForEnd;

  @Option(
      names = {"-f", "--follow"},
      description = "Stream the job's log until it ends (implies --wait)")
  boolean follow;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description =
          "Sent with the submission (default: a new one per run of this command, the same on"
              + " its retries); the same key again gets the first job instead of a new one")
  String idempotencyKey;

  @Override
  public Integer call() {
    JsonObject body = job.body(file);
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    JsonObject answer =
        client.api().post("/run-simulation").idempotencyKey(key).json(body).send().object();
    return Submission.finish(client, answer, waitForEnd, follow);
  }
}
