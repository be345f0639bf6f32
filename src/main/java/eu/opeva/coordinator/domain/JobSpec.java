package eu.opeva.coordinator.domain;

import java.util.List;
import java.util.Map;

/**
 * What a job was submitted as: fixed from the moment it is accepted, kept in its {@code
 * job_info.json}. {@code configPath} is the source config ({@code configs/<name>}); the job itself
 * runs from its own snapshot ({@code configSnapshot}) or resolved copy ({@code resolvedConfig}).
 * {@code seq} numbers submissions (1, 2, ...): it orders jobs submitted in the same millisecond, in
 * the registry and in the queue, the same way before and after a restart. {@code scheduling} is how
 * it is scheduled, {@code origin} how it came to be (a parent job, a schedule, an idempotency key).
 */
public record JobSpec(
    String jobId,
    String jobName,
    String configPath,
    String experimentName,
    String runName,
    String submittedBy,
    String image,
    String imageTag,
    Map<String, Object> schedulerOptions,
    Resources resources,
    List<String> extraArgs,
    boolean resolvedConfig,
    boolean configSnapshot,
    String rerunOf,
    long submittedAt,
    long seq,
    Scheduling scheduling,
    JobOrigin origin) {

  public JobSpec {
    scheduling = scheduling == null ? Scheduling.DEFAULT : scheduling;
    origin = origin == null ? JobOrigin.NONE : origin;
    schedulerOptions = schedulerOptions == null ? null : Plain.map(schedulerOptions);
    resources = resources == null ? Resources.NONE : resources;
    extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
  }

  /** The same submission with its submission number (a job of an older version, first read). */
  public JobSpec withSeq(long number) {
    return new JobSpec(
        jobId,
        jobName,
        configPath,
        experimentName,
        runName,
        submittedBy,
        image,
        imageTag,
        schedulerOptions,
        resources,
        extraArgs,
        resolvedConfig,
        configSnapshot,
        rerunOf,
        submittedAt,
        number,
        scheduling,
        origin);
  }

  /** The same submission with another origin (its idempotency answer, once known). */
  public JobSpec withOrigin(JobOrigin o) {
    return new JobSpec(
        jobId,
        jobName,
        configPath,
        experimentName,
        runName,
        submittedBy,
        image,
        imageTag,
        schedulerOptions,
        resources,
        extraArgs,
        resolvedConfig,
        configSnapshot,
        rerunOf,
        submittedAt,
        seq,
        scheduling,
        o);
  }

  /** The name shown and used in container names: the job name, else the id. */
  public String displayName() {
    return jobName == null || jobName.isBlank() ? jobId : jobName;
  }

  /** {@code gpu} when the scheduler options or resources ask for a GPU, else {@code cpu}. */
  public String profile(Map<String, Object> details) {
    return JobProfile.of(schedulerOptions, resources, details);
  }
}
