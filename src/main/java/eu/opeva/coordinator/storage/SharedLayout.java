package eu.opeva.coordinator.storage;

import java.nio.file.Path;

/** The shared-storage layout of the service this one replaces (a compatibility contract). */
public record SharedLayout(Path root) {
  public static final String CLAIM_MARK = ".claim.";

  public Path configs() {
    return root.resolve("configs");
  }

  public Path datasets() {
    return root.resolve("datasets");
  }

  public Path jobs() {
    return root.resolve("jobs");
  }

  public Path queue() {
    return root.resolve("queue");
  }

  /** Pipelines, one {@code <id>.json} each (new: the replaced service had none). */
  public Path pipelines() {
    return root.resolve("pipelines");
  }

  /** The pipeline's file; {@code pipelineId} must have passed {@link SafeNames#isJobId}. */
  public Path pipelineFile(String pipelineId) {
    return pipelines().resolve(SafeNames.requireJobId(pipelineId) + ".json");
  }

  public Path trackFile() {
    return root.resolve("job_track.json");
  }

  /** The job's folder; {@code jobId} must have passed {@link SafeNames#isJobId}. */
  public Path jobDir(String jobId) {
    return jobs().resolve(SafeNames.requireJobId(jobId));
  }

  public Path statusFile(String jobId) {
    return jobDir(jobId).resolve("status.json");
  }

  public Path jobInfoFile(String jobId) {
    return jobDir(jobId).resolve("job_info.json");
  }

  public Path resolvedConfigFile(String jobId) {
    return jobDir(jobId).resolve("config.resolved.yaml");
  }

  /**
   * The job's own copy of its config, taken at submission (later edits of configs/ never reach it).
   */
  public Path configSnapshotFile(String jobId) {
    return jobDir(jobId).resolve("config.yaml");
  }

  public Path logsDir(String jobId) {
    return jobDir(jobId).resolve("logs");
  }

  public Path queueFile(String jobId) {
    return queue().resolve(SafeNames.requireJobId(jobId) + ".json");
  }

  public Path claimFile(String jobId, String workerId) {
    return queue().resolve(SafeNames.requireJobId(jobId) + ".json" + CLAIM_MARK + workerId);
  }
}
