package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.auth.JobTokens;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.jobstore.JsonPlain;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job payload handed to an agent for one attempt of a job; its environment lets the job call
 * the coordinator back with its own token (see {@link JobTokens}).
 */
final class PayloadBuilder {
  private final Settings config;
  private final JobTokens jobTokens;

  PayloadBuilder(Settings config, JobTokens jobTokens) {
    this.config = config;
    this.jobTokens = jobTokens;
  }

  JobPayload build(Job job, QueueEntry queued, String worker) {
    JobSpec spec = job.spec();
    HostSettings host = config.hosts().settingsOf(worker);
    String id = job.jobId();
    String configPath =
        spec.resolvedConfig()
            ? "jobs/" + id + "/config.resolved.yaml"
            : spec.configSnapshot() ? "jobs/" + id + "/config.yaml" : spec.configPath();
    String image =
        spec.image() == null || spec.image().isBlank()
            ? config.jobs().defaultImage()
            : spec.image();
    StringBuilder command =
        new StringBuilder("--config ")
            .append(AgentProtocol.CONTAINER_DATA)
            .append('/')
            .append(configPath)
            .append(" --job_id ")
            .append(id);
    spec.extraArgs().forEach(arg -> command.append(' ').append(arg));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OPEVA_JOB_NAME", spec.displayName());
    host.mlflowTrackingUri()
        .or(() -> config.jobs().mlflowTrackingUri())
        .ifPresent(uri -> env.put("MLFLOW_TRACKING_URI", uri));
    config.jobs().mlflowUiBaseUrl().ifPresent(url -> env.put("MLFLOW_UI_BASE_URL", url));
    env.put(AgentProtocol.JOB_ID_ENV, id);
    config.jobs().apiUrl().ifPresent(url -> env.put(AgentProtocol.API_URL_ENV, url));
    if (jobTokens != null) {
      env.put(AgentProtocol.JOB_TOKEN_ENV, jobTokens.mint(id));
    }
    return new JobPayload(
        id,
        spec.displayName(),
        configPath,
        spec.configPath(),
        queued == null ? job.placement().preferredHost() : queued.preferredHost(),
        image,
        spec.imageTag(),
        host.schedulerOptions() ? JsonPlain.json(spec.schedulerOptions()) : null,
        command.toString(),
        containerName(job),
        volumes(id),
        env,
        job.attemptNumber(),
        spec.resources(),
        config.jobs().processCommand());
  }

  /** The folders of the shared directory the job's container mounts (see {@code JOB_MOUNTS}). */
  List<JobPayload.Volume> volumes(String id) {
    String root = config.storage().sharedRoot().toString();
    String data = AgentProtocol.CONTAINER_DATA;
    if (config.jobs().mounts() == Settings.Mounts.SHARED_ROOT) {
      return List.of(new JobPayload.Volume(root, data, "rw"));
    }
    return List.of(
        new JobPayload.Volume(root + "/jobs/" + id, data + "/jobs/" + id, "rw"),
        new JobPayload.Volume(root + "/datasets", data + "/datasets", "ro"),
        new JobPayload.Volume(root + "/configs", data + "/configs", "ro"));
  }

  /**
   * {@code <prefix>_<job name>_<id8>_<attempt>}: the replaced service's name plus the attempt, so
   * attempt N+1 on the same host never clashes with a container attempt N left behind.
   */
  String containerName(Job job) {
    String slug = job.spec().displayName().replaceAll("[^A-Za-z0-9_.-]", "_");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40);
    }
    String id = job.jobId();
    return config.jobs().containerNamePrefix()
        + "_"
        + slug
        + "_"
        + id.substring(0, Math.min(8, id.length()))
        + "_"
        + job.attemptNumber();
  }
}
