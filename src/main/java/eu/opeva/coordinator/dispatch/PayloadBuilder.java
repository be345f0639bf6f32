package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The job payload handed to an agent: every field of the existing contract, plus {@code attempt},
 * {@code resources} (when submitted) and {@code process_command} (when configured), which older
 * agents ignore.
 */
final class PayloadBuilder {
  static final String CONTAINER_DATA = "/data";
  private final Settings config;

  PayloadBuilder(Settings config) {
    this.config = config;
  }

  JsonObject build(JobEntry entry, QueueEntry queued, String worker) {
    JsonObject m = entry.json();
    HostSettings host = config.hosts().settingsOf(worker);
    String source = m.getString("config_path");
    String configPath =
        m.getBoolean("resolved_config", false)
            ? "jobs/" + entry.jobId() + "/config.resolved.yaml"
            : m.getBoolean("config_snapshot", false)
                ? "jobs/" + entry.jobId() + "/config.yaml"
                : source;
    String image = m.getString("image");
    if (image == null || image.isBlank()) {
      image = config.jobs().defaultImage();
    }
    StringBuilder command =
        new StringBuilder("--config ")
            .append(CONTAINER_DATA)
            .append('/')
            .append(configPath)
            .append(" --job_id ")
            .append(entry.jobId());
    JsonArray extra = m.getJsonArray("extra_args");
    if (extra != null) {
      extra.forEach(arg -> command.append(' ').append(arg));
    }
    JsonObject env = new JsonObject().put("OPEVA_JOB_NAME", entry.jobName());
    host.mlflowTrackingUri()
        .or(() -> config.jobs().mlflowTrackingUri())
        .ifPresent(uri -> env.put("MLFLOW_TRACKING_URI", uri));
    config.jobs().mlflowUiBaseUrl().ifPresent(url -> env.put("MLFLOW_UI_BASE_URL", url));
    JsonObject payload =
        new JsonObject()
            .put("job_id", entry.jobId())
            .put("job_name", entry.jobName())
            .put("config_path", configPath)
            .put("source_config_path", source)
            .put("preferred_host", queued == null ? entry.preferredHost() : queued.preferredHost())
            .put("image", image)
            .put("image_tag", m.getString("image_tag"))
            .put("deucalion_options", host.schedulerOptions() ? entry.deucalionOptions() : null)
            .put("command", command.toString())
            .put("container_name", containerName(entry))
            .put(
                "volumes",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("host", config.storage().sharedRoot().toString())
                            .put("container", CONTAINER_DATA)
                            .put("mode", "rw")))
            .put("env", env)
            .put("attempt", entry.attempt());
    if (m.getValue("resources") != null) {
      payload.put("resources", m.getValue("resources"));
    }
    if (!config.jobs().processCommand().isEmpty()) {
      payload.put("process_command", new JsonArray(config.jobs().processCommand()));
    }
    return payload;
  }

  String containerName(JobEntry entry) {
    String slug = slug(entry.jobName());
    if (slug.length() > 40) {
      slug = slug.substring(0, 40);
    }
    String id = entry.jobId();
    return config.jobs().containerNamePrefix()
        + "_"
        + slug
        + "_"
        + id.substring(0, Math.min(8, id.length()));
  }

  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
