package eu.opeva.coordinator.domain;

/**
 * What the monitor sees of a job a worker holds: enough to judge it stale, and the version its
 * decision is fenced on ({@code slurmState} is a batch scheduler's state from the worker's
 * details).
 */
public record ActiveJob(
    String jobId,
    JobStatus status,
    int attempt,
    long version,
    String profile,
    String workerId,
    String host,
    long statusUpdatedAt,
    long lastStatusAt,
    Long dispatchedAt,
    String slurmState) {

  public static ActiveJob of(Job job) {
    Object state =
        job.attempt() == null || job.attempt().details() == null
            ? null
            : job.attempt().details().get("slurm_state");
    return new ActiveJob(
        job.jobId(),
        job.status(),
        job.attemptNumber(),
        job.version(),
        job.profile(),
        job.workerId(),
        job.placement().slotHost(),
        job.times().statusUpdatedAt(),
        job.times().lastStatusAt(),
        job.times().dispatchedAt(),
        state == null ? null : String.valueOf(state));
  }
}
