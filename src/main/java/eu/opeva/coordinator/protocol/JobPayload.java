package eu.opeva.coordinator.protocol;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.CONFIG_PATH;
import static eu.opeva.coordinator.domain.JobFields.CONTAINER_NAME;
import static eu.opeva.coordinator.domain.JobFields.IMAGE;
import static eu.opeva.coordinator.domain.JobFields.IMAGE_TAG;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.JOB_NAME;
import static eu.opeva.coordinator.domain.JobFields.PREFERRED_HOST;
import static eu.opeva.coordinator.domain.JobFields.RESOURCES;
import static eu.opeva.coordinator.domain.JobFields.SCHEDULER_OPTIONS;
import static eu.opeva.coordinator.domain.JobFields.SOURCE_CONFIG_PATH;

import eu.opeva.coordinator.domain.Resources;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job handed to an agent by {@code next-job}: every field of the replaced service's payload,
 * plus {@code attempt}, {@code resources} and {@code process_command}, which older agents ignore.
 * {@code command} is the job's arguments as one space-separated string (the contract's form).
 */
public record JobPayload(
    String jobId,
    String jobName,
    String configPath,
    String sourceConfigPath,
    String preferredHost,
    String image,
    String imageTag,
    JsonObject schedulerOptions,
    String command,
    String containerName,
    List<Volume> volumes,
    Map<String, String> env,
    Integer attempt,
    Resources resources,
    List<String> processCommand) {

  static final String COMMAND = "command";
  static final String VOLUMES = "volumes";
  static final String ENV = "env";
  static final String PROCESS_COMMAND = "process_command";

  /** The same payload with {@code name} in its environment, unless the coordinator set it. */
  public JobPayload withEnvDefault(String name, String value) {
    if (value == null || (env != null && env.containsKey(name))) {
      return this;
    }
    Map<String, String> all = new java.util.LinkedHashMap<>(env == null ? Map.of() : env);
    all.put(name, value);
    return new JobPayload(
        jobId,
        jobName,
        configPath,
        sourceConfigPath,
        preferredHost,
        image,
        imageTag,
        schedulerOptions,
        command,
        containerName,
        volumes,
        all,
        attempt,
        resources,
        processCommand);
  }

  /** A folder of the worker host mounted into the job. */
  public record Volume(String host, String container, String mode) {
    static final String HOST = "host";
    static final String CONTAINER = "container";
    static final String MODE = "mode";

    JsonObject toJson() {
      return new JsonObject().put(HOST, host).put(CONTAINER, container).put(MODE, mode);
    }
  }

  public JsonObject toJson() {
    JsonArray mounts = new JsonArray();
    volumes.forEach(v -> mounts.add(v.toJson()));
    JsonObject json =
        new JsonObject()
            .put(JOB_ID, jobId)
            .put(JOB_NAME, jobName)
            .put(CONFIG_PATH, configPath)
            .put(SOURCE_CONFIG_PATH, sourceConfigPath)
            .put(PREFERRED_HOST, preferredHost)
            .put(IMAGE, image)
            .put(IMAGE_TAG, imageTag)
            .put(SCHEDULER_OPTIONS, schedulerOptions)
            .put(COMMAND, command)
            .put(CONTAINER_NAME, containerName)
            .put(VOLUMES, mounts)
            .put(ENV, new JsonObject(new LinkedHashMap<>(env)))
            .put(ATTEMPT, attempt);
    if (resources != null && !resources.isEmpty()) {
      json.put(RESOURCES, ResourcesJson.toJson(resources));
    }
    if (!processCommand.isEmpty()) {
      json.put(PROCESS_COMMAND, new JsonArray(processCommand));
    }
    return json;
  }

  /**
   * Reads a payload; one whose job id is not a safe job id is refused ({@link
   * IllegalArgumentException}), since the agent builds paths from it.
   */
  public static JobPayload fromJson(JsonObject p) {
    String jobId = p.getString(JOB_ID);
    if (!SafeNames.isJobId(jobId)) {
      throw new IllegalArgumentException("payload has an invalid job_id: " + jobId);
    }
    List<Volume> volumes = new ArrayList<>();
    for (Object o : p.getJsonArray(VOLUMES, new JsonArray())) {
      if (o instanceof JsonObject v && v.getString(Volume.HOST) != null) {
        volumes.add(
            new Volume(
                v.getString(Volume.HOST),
                v.getString(Volume.CONTAINER, AgentProtocol.CONTAINER_DATA),
                v.getString(Volume.MODE, "rw")));
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    p.getJsonObject(ENV, new JsonObject())
        .forEach(
            e -> {
              if (e.getValue() != null) {
                env.put(e.getKey(), String.valueOf(e.getValue()));
              }
            });
    List<String> processCommand = new ArrayList<>();
    p.getJsonArray(PROCESS_COMMAND, new JsonArray())
        .forEach(a -> processCommand.add(String.valueOf(a)));
    String name = p.getString(CONTAINER_NAME);
    Number attempt = p.getNumber(ATTEMPT);
    return new JobPayload(
        jobId,
        p.getString(JOB_NAME, jobId),
        p.getString(CONFIG_PATH),
        p.getString(SOURCE_CONFIG_PATH),
        p.getString(PREFERRED_HOST),
        p.getString(IMAGE),
        p.getString(IMAGE_TAG),
        p.getJsonObject(SCHEDULER_OPTIONS),
        p.getString(COMMAND, ""),
        name == null || name.isBlank() ? "opeva_job_" + jobId : name,
        List.copyOf(volumes),
        Collections.unmodifiableMap(env),
        attempt == null ? null : attempt.intValue(),
        ResourcesJson.fromJson(p.getJsonObject(RESOURCES)),
        List.copyOf(processCommand));
  }

  /** The job and attempt a payload is for: enough to report on it when the rest is unreadable. */
  public record AttemptId(String jobId, Integer attempt) {}

  /**
   * The job id and attempt of a payload, read without the rest of it. Empty when the job id is not
   * a safe job id or the attempt is not a number (nothing can be reported then); the attempt is
   * null when the payload has none (an older coordinator).
   */
  public static Optional<AttemptId> attemptIdOf(JsonObject p) {
    Object jobId = p.getValue(JOB_ID);
    Object attempt = p.getValue(ATTEMPT);
    if (!(jobId instanceof String id) || !SafeNames.isJobId(id)) {
      return Optional.empty();
    }
    if (attempt == null) {
      return Optional.of(new AttemptId(id, null));
    }
    return attempt instanceof Number n
        ? Optional.of(new AttemptId(id, n.intValue()))
        : Optional.empty();
  }

  /** The job's arguments, split on spaces. */
  public List<String> args() {
    return command.isBlank() ? List.of() : List.of(command.trim().split("\\s+"));
  }

  /**
   * Where the shared directory appears inside the job: the folder all volumes are mounted under
   * ({@code /data}, whether the job mounts the whole directory or only its own parts of it).
   */
  public String containerDataPath() {
    if (volumes.isEmpty()) {
      return AgentProtocol.CONTAINER_DATA;
    }
    String common = volumes.get(0).container();
    for (Volume v : volumes) {
      while (!(v.container().equals(common) || v.container().startsWith(common + "/"))) {
        int slash = common.lastIndexOf('/');
        common = slash <= 0 ? "/" : common.substring(0, slash);
      }
    }
    return common;
  }
}
