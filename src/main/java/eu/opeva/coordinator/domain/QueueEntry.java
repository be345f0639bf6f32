package eu.opeva.coordinator.domain;

/**
 * One queued job: where it may run, when it entered the queue (epoch milliseconds), its slot
 * profile, its priority and, for a job waiting out a retry's backoff, the moment before which it is
 * not offered ({@code notBefore}, null when none). {@code seq}, the job's submission number, orders
 * jobs that entered at the same moment.
 */
public record QueueEntry(
    String jobId,
    String preferredHost,
    boolean requireHost,
    long enqueuedAt,
    String submittedBy,
    String profile,
    long seq,
    int priority,
    Long notBefore) {

  public static QueueEntry of(Job job) {
    Placement p = job.placement();
    return new QueueEntry(
        job.jobId(),
        p.preferredHost(),
        p.requireHost(),
        job.times().queuedAt() == null ? job.times().statusUpdatedAt() : job.times().queuedAt(),
        job.spec().submittedBy(),
        job.profile(),
        job.spec().seq(),
        job.spec().scheduling().priority(),
        job.times().notBefore());
  }

  /** Pinned jobs may run only on their preferred host. */
  public String pinnedHost() {
    return requireHost && preferredHost != null ? preferredHost : null;
  }

  /** The same entry, entered into the queue at {@code at} (as its queue file says). */
  public QueueEntry enteredAt(long at) {
    return new QueueEntry(
        jobId, preferredHost, requireHost, at, submittedBy, profile, seq, priority, notBefore);
  }

  /**
   * The priority it has after waiting until {@code now}: one point more per {@code agingMs} in the
   * queue (none with aging off, {@code agingMs <= 0}).
   */
  public double effectivePriority(long now, long agingMs) {
    return agingMs <= 0 ? priority : priority + Math.max(0, now - enqueuedAt) / (double) agingMs;
  }

  /**
   * The key the queue orders by, lowest first. Comparing effective priorities at any moment gives
   * the same order as comparing {@code enqueuedAt - priority * agingMs}, so the order never changes
   * while entries wait, and a pick needs no rescoring.
   */
  public long rank(long agingMs) {
    return agingMs <= 0 ? enqueuedAt - priority * (1L << 50) : enqueuedAt - priority * agingMs;
  }
}
