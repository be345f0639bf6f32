package eu.opeva.coordinator.domain;

/**
 * Lifecycle times in epoch milliseconds (null until they happen). {@code queuedAt} is when the job
 * last entered the queue; the others belong to the current attempt and are cleared on a requeue.
 * {@code statusUpdatedAt} and {@code lastStatusAt} move on every status write. {@code notBefore}: a
 * job waiting for a retry is not offered before then.
 */
public record JobTimes(
    Long queuedAt,
    Long dispatchedAt,
    Long startedAt,
    Long stopRequestedAt,
    Long finishedAt,
    long statusUpdatedAt,
    long lastStatusAt,
    Long notBefore) {

  public static JobTimes queued(long now) {
    return new JobTimes(now, null, null, null, null, now, now, null);
  }

  /** A job that waits for its dependencies: it has not entered the queue yet. */
  public static JobTimes waiting(long now) {
    return new JobTimes(null, null, null, null, null, now, now, null);
  }

  JobTimes touched(long now) {
    return new JobTimes(
        queuedAt, dispatchedAt, startedAt, stopRequestedAt, finishedAt, now, now, notBefore);
  }

  JobTimes requeued(long now) {
    return new JobTimes(now, null, null, null, null, now, now, null);
  }

  JobTimes notBefore(long at) {
    return new JobTimes(
        queuedAt,
        dispatchedAt,
        startedAt,
        stopRequestedAt,
        finishedAt,
        statusUpdatedAt,
        lastStatusAt,
        at);
  }

  JobTimes dispatched(long now) {
    return new JobTimes(queuedAt, now, startedAt, stopRequestedAt, finishedAt, now, now, null);
  }

  /** {@code at} may be earlier than now: a worker's own record of when the job started. */
  JobTimes started(long at, long now) {
    return new JobTimes(
        queuedAt,
        dispatchedAt,
        startedAt == null ? at : startedAt,
        stopRequestedAt,
        finishedAt,
        now,
        now,
        notBefore);
  }

  JobTimes stopRequested(long now) {
    return new JobTimes(queuedAt, dispatchedAt, startedAt, now, finishedAt, now, now, notBefore);
  }

  /** A job that ends before running still ends its queue wait. */
  JobTimes ended(long now) {
    return new JobTimes(
        queuedAt,
        dispatchedAt,
        startedAt == null ? now : startedAt,
        stopRequestedAt,
        now,
        now,
        now,
        null);
  }

  /** A worker's {@code details.queued_at / started_at} may move those times earlier. */
  JobTimes withEarlier(Long reportedQueued, Long reportedStarted) {
    return new JobTimes(
        earlier(queuedAt, reportedQueued),
        dispatchedAt,
        earlier(startedAt, reportedStarted),
        stopRequestedAt,
        finishedAt,
        statusUpdatedAt,
        lastStatusAt,
        notBefore);
  }

  private static Long earlier(Long current, Long reported) {
    if (reported == null) {
      return current;
    }
    return current == null ? reported : Math.min(current, reported);
  }
}
