package eu.opeva.coordinator.domain;

/**
 * Queue wait, run and total durations of a job in milliseconds, each at least 0 and null when an
 * input is missing; a job that has not ended is measured up to now.
 */
public record Durations(Long queueWait, Long run, Long total) {
  public static Durations of(Job job, long now) {
    JobTimes t = job.times();
    long end = t.finishedAt() != null ? t.finishedAt() : now;
    return new Durations(
        t.startedAt() == null || t.queuedAt() == null
            ? null
            : Math.max(0, t.startedAt() - t.queuedAt()),
        t.startedAt() == null ? null : Math.max(0, end - t.startedAt()),
        Math.max(0, end - job.spec().submittedAt()));
  }
}
