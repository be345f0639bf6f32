package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What a job is made of, as options: the fields of {@code POST /run-simulation}. */
public final class JobOptions {
  @Option(
      names = "--config-path",
      paramLabel = "PATH",
      description = "A config already on the coordinator, relative to configs/ (instead of FILE)")
  String configPath;

  @Option(
      names = "--save-as",
      paramLabel = "NAME",
      description = "Also save FILE on the coordinator as configs/NAME")
  String saveAs;

  @Option(names = "--host", paramLabel = "HOST", description = "Run on this worker host only")
  String host;

  @Option(names = "--name", paramLabel = "NAME", description = "The job's name")
  String name;

  @Option(names = "--image-tag", paramLabel = "TAG", description = "Image tag of the job")
  String imageTag;

  @Option(
      names = "--extra-arg",
      paramLabel = "ARG",
      description = "An argument added to the job's command (repeatable; no spaces)")
  List<String> extraArgs = new ArrayList<>();

  @Option(
      names = "--resources",
      paramLabel = "KEY=VALUE",
      split = ",",
      mapFallbackValue = "",
      description = "cpus, memory_mb, gpus, timeout_seconds (e.g. cpus=2,memory_mb=4096)")
  Map<String, String> resources = new LinkedHashMap<>();

  @Option(
      names = "--depends-on",
      paramLabel = "JOB",
      split = ",",
      description = "Start only after these jobs (repeatable or comma-separated)")
  List<String> dependsOn = new ArrayList<>();

  @Option(
      names = "--run-if",
      paramLabel = "WHEN",
      description = "With --depends-on: all_finished (default) or all_done")
  String runIf;

  @Option(names = "--priority", paramLabel = "N", description = "-100..100, higher first")
  Integer priority;

  @Option(
      names = "--retry",
      paramLabel = "ATTEMPTS",
      description = "Attempts in all, the first included (1..100)")
  Integer retry;

  @Option(
      names = "--retry-on",
      paramLabel = "CAUSE",
      split = ",",
      description = "What is retried: worker_lost, stale, exit_code")
  List<String> retryOn = new ArrayList<>();

  @Option(
      names = "--retry-exit-code",
      paramLabel = "CODE",
      split = ",",
      description = "With --retry-on exit_code: only these exit codes")
  List<Integer> retryExitCodes = new ArrayList<>();

  @Option(
      names = "--retry-backoff",
      paramLabel = "SECONDS",
      description = "Wait before the second attempt (doubling after)")
  Double retryBackoff;

  /** The request body: {@code file} sent inline as {@code config}, or {@code --config-path}. */
  JsonObject body(Path file) {
    if ((file == null) == (configPath == null)) {
      throw CliException.usage(
          "give either a local YAML FILE (sent inline) or --config-path (a config on the"
              + " coordinator), not "
              + (file == null ? "neither" : "both"));
    }
    JsonObject body = new JsonObject();
    if (file != null) {
      body.put("config", LocalFiles.mapping(file));
    } else {
      body.put("config_path", configPath);
    }
    put(body, "save_as", saveAs);
    put(body, "target_host", host);
    put(body, "job_name", name);
    put(body, "image_tag", imageTag);
    if (!extraArgs.isEmpty()) {
      body.put("extra_args", new JsonArray(new ArrayList<>(extraArgs)));
    }
    if (!resources.isEmpty()) {
      JsonObject r = new JsonObject();
      resources.forEach((k, v) -> r.put(k, number("--resources " + k, v)));
      body.put("resources", r);
    }
    if (!dependsOn.isEmpty()) {
      body.put("depends_on", new JsonArray(new ArrayList<>(dependsOn)));
    }
    put(body, "run_if", runIf);
    put(body, "priority", priority);
    JsonObject retryPolicy = retryPolicy();
    if (retryPolicy != null) {
      body.put("retry", retryPolicy);
    }
    return body;
  }

  private JsonObject retryPolicy() {
    if (retry == null && retryOn.isEmpty() && retryExitCodes.isEmpty() && retryBackoff == null) {
      return null;
    }
    JsonObject r = new JsonObject();
    put(r, "max_attempts", retry);
    if (!retryOn.isEmpty()) {
      r.put("on", new JsonArray(new ArrayList<>(retryOn)));
    }
    if (!retryExitCodes.isEmpty()) {
      r.put("exit_codes", new JsonArray(new ArrayList<>(retryExitCodes)));
    }
    put(r, "backoff_seconds", retryBackoff);
    return r;
  }

  private static Number number(String what, String value) {
    try {
      return value.matches("-?\\d+") ? Long.parseLong(value) : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw CliException.usage(what + ": '" + value + "' is not a number");
    }
  }

  private static void put(JsonObject body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
