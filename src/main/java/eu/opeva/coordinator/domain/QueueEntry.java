package eu.opeva.coordinator.domain;

/**
 * One queued job: where it may run, when it entered the queue (epoch milliseconds) and its slot
 * profile. {@code seq}, the job's submission number, orders jobs that entered at the same moment.
 */
public record QueueEntry(
    String jobId,
    String preferredHost,
    boolean requireHost,
    long enqueuedAt,
    String submittedBy,
    String profile,
    long seq) {

  public static QueueEntry of(Job job) {
    Placement p = job.placement();
    return new QueueEntry(
        job.jobId(),
        p.preferredHost(),
        p.requireHost(),
        job.times().queuedAt() == null ? job.times().statusUpdatedAt() : job.times().queuedAt(),
        job.spec().submittedBy(),
        job.profile(),
        job.spec().seq());
  }

  /** Pinned jobs may run only on their preferred host. */
  public String pinnedHost() {
    return requireHost && preferredHost != null ? preferredHost : null;
  }
}
