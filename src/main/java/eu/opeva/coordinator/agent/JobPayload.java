package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job payload from {@code POST /api/agent/next-job}, read once into the fields the agent uses.
 * Fields an older coordinator does not send ({@code attempt}, {@code resources}, {@code
 * process_command}) are simply absent.
 */
record JobPayload(
    String jobId,
    Integer attempt,
    String jobName,
    String image,
    List<String> args,
    String containerName,
    List<Volume> volumes,
    Map<String, String> env,
    Resources resources,
    List<String> processCommand) {

  static final String DEFAULT_CONTAINER_DATA = "/data";

  record Volume(String host, String container, String mode) {}

  /** Limits asked for by the submission; each is optional. */
  record Resources(
      Optional<Double> cpus,
      Optional<Integer> memoryMb,
      Optional<Integer> timeoutSeconds,
      Optional<Integer> gpus) {
    static final Resources NONE =
        new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static JobPayload parse(JsonObject p) {
    String jobId = p.getString("job_id");
    if (!SafeNames.isJobId(jobId)) {
      throw new IllegalArgumentException("payload has an invalid job_id: " + jobId);
    }
    String command = p.getString("command", "");
    List<String> args = command.isBlank() ? List.of() : List.of(command.trim().split("\\s+"));
    List<Volume> volumes = new ArrayList<>();
    for (Object o : p.getJsonArray("volumes", new JsonArray())) {
      if (o instanceof JsonObject v && v.getString("host") != null) {
        volumes.add(
            new Volume(
                v.getString("host"),
                v.getString("container", DEFAULT_CONTAINER_DATA),
                v.getString("mode", "rw")));
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    p.getJsonObject("env", new JsonObject())
        .forEach(
            e -> {
              if (e.getValue() != null) {
                env.put(e.getKey(), String.valueOf(e.getValue()));
              }
            });
    JsonObject r = p.getJsonObject("resources");
    Resources resources =
        r == null
            ? Resources.NONE
            : new Resources(
                Optional.ofNullable(r.getDouble("cpus")),
                Optional.ofNullable(r.getInteger("memory_mb")),
                Optional.ofNullable(r.getInteger("timeout_seconds")),
                Optional.ofNullable(r.getInteger("gpus")).filter(g -> g > 0));
    List<String> processCommand = new ArrayList<>();
    p.getJsonArray("process_command", new JsonArray())
        .forEach(a -> processCommand.add(String.valueOf(a)));
    String name = p.getString("container_name");
    return new JobPayload(
        jobId,
        p.getInteger("attempt"),
        p.getString("job_name", jobId),
        p.getString("image"),
        args,
        name == null || name.isBlank() ? "opeva_job_" + jobId : name,
        List.copyOf(volumes),
        java.util.Collections.unmodifiableMap(env),
        resources,
        List.copyOf(processCommand));
  }

  /** Where the shared directory appears inside the job (the first volume's container path). */
  String containerDataPath() {
    return volumes.isEmpty() ? DEFAULT_CONTAINER_DATA : volumes.get(0).container();
  }
}
