package eu.opeva.coordinator.domain;

import eu.opeva.coordinator.bus.ApiFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of a job at one moment ({@code now}, epoch milliseconds). Each returns the next
 * version of the job, or throws a 409 {@link ApiFailure} when the transition table refuses it.
 * Every counter is defined once here: {@code attemptNumber} rises on every dispatch, {@code
 * requeueCount} on every return to the queue, and a return to the queue closes the current attempt
 * into the history and clears its times.
 */
public final class JobTransitions {
  private final Job job;
  private final long now;

  JobTransitions(Job job, long now) {
    this.job = job;
    this.now = now;
  }

  /** Hands the job to {@code worker}: a new attempt. */
  public Job dispatchTo(String worker) {
    require(JobStatus.DISPATCHED);
    int number = job.attemptNumber() + 1;
    return next(
        JobStatus.DISPATCHED,
        job.placement().heldBy(worker),
        Attempt.dispatched(number, worker),
        number,
        job.requeueCount(),
        job.times().dispatched(now),
        null,
        StatusNote.NONE,
        job.history());
  }

  /**
   * Applies a worker's report. Repeating the job's terminal status changes nothing (the same job is
   * returned); repeating another status refreshes its times; {@code queued} gives the job back.
   */
  public Job report(WorkerReport r) {
    JobStatus to = r.status();
    if (job.status().isTerminal() && to == job.status()) {
      return job;
    }
    if (to == JobStatus.QUEUED) {
      if (job.status() == JobStatus.QUEUED) {
        return job;
      }
      require(to);
      return requeue(
          job.placement().preferredHost(),
          job.placement().requireHost(),
          StatusNote.NONE.requeuedFrom(job.workerId()),
          "returned_by_worker");
    }
    if (to == JobStatus.DISPATCHED && job.status() != JobStatus.DISPATCHED) {
      throw ApiFailure.conflict(
          "Invalid status transition "
              + job.status().wire()
              + " -> dispatched: only the"
              + " coordinator dispatches a job");
    }
    if (to != job.status()) {
      require(to);
    }
    Attempt attempt =
        job.attempt() == null
            ? null
            : job.attempt()
                .reported(
                    r.workerId(), r.containerId(), r.containerName(), r.exitCode(), r.details());
    JobTimes times = job.times().withEarlier(r.queuedAt(), r.startedAt());
    String error = r.error() != null ? r.error() : job.error();
    if (to.isTerminal()) {
      Job reported =
          new Job(
              job.spec(),
              job.status(),
              placementOf(r),
              attempt,
              job.attemptNumber(),
              job.requeueCount(),
              times,
              error,
              job.note(),
              job.history(),
              job.reruns(),
              job.version(),
              job.extra());
      return new JobTransitions(reported, now).close(to, error, StatusNote.NONE, reasonOf(to, r));
    }
    times = to == JobStatus.RUNNING ? times.started(now, now) : times.touched(now);
    return next(
        to,
        placementOf(r),
        attempt,
        job.attemptNumber(),
        job.requeueCount(),
        times,
        error,
        StatusNote.NONE,
        job.history());
  }

  /**
   * Back to the queue (a lost worker, a stale dispatch, an operator): the attempt ends, the job
   * waits again from now. A job already queued only changes placement and note.
   */
  public Job requeue(String preferred, boolean require, StatusNote note, String reason) {
    return requeueAt(preferred, require, note, reason, null);
  }

  /**
   * Back to the queue, not to be offered before {@code notBefore} (null: at once). Also takes an
   * attempt that failed ({@code failed}, its attempt already closed in the history) back for a
   * retry: a coordinator's decision, not a move of the table.
   */
  public Job requeueAt(
      String preferred, boolean require, StatusNote note, String reason, Long notBefore) {
    Placement placement = job.placement().queued(preferred, require);
    if (job.status() == JobStatus.QUEUED) {
      return next(
          JobStatus.QUEUED,
          placement,
          null,
          job.attemptNumber(),
          job.requeueCount(),
          job.times().touched(now),
          null,
          note,
          job.history());
    }
    JobTimes times = job.times().requeued(now);
    return next(
        JobStatus.QUEUED,
        placement,
        null,
        job.attemptNumber(),
        job.requeueCount() + 1,
        notBefore == null ? times : times.notBefore(notBefore),
        null,
        note,
        ended(JobStatus.QUEUED, reason));
  }

  /**
   * Into the queue from now: a job whose dependencies all ended as it needed ({@code waiting}), or
   * one a crash left {@code launching} (written by an older version).
   */
  public Job enqueue() {
    JobTimes t = job.times();
    JobTimes times =
        new JobTimes(
            t.queuedAt() == null ? now : t.queuedAt(),
            t.dispatchedAt(),
            t.startedAt(),
            t.stopRequestedAt(),
            t.finishedAt(),
            now,
            now,
            null);
    return next(
        JobStatus.QUEUED,
        job.placement(),
        null,
        job.attemptNumber(),
        job.requeueCount(),
        times,
        null,
        StatusNote.NONE,
        job.history());
  }

  /**
   * A failed attempt is tried again: the job ({@code failed}, the attempt closed in the history as
   * it ended) goes back to the queue, not offered before {@code notBefore}.
   */
  public Job retryAt(long notBefore, StatusNote note, String reason) {
    return requeueAt(
        job.placement().preferredHost(), job.placement().requireHost(), note, reason, notBefore);
  }

  /** Asks the worker to stop the job; the attempt keeps the reason. */
  public Job requestStop(String reason, StatusNote note) {
    require(JobStatus.STOP_REQUESTED);
    Attempt attempt = job.attempt() == null ? null : job.attempt().stopping(reason);
    return next(
        JobStatus.STOP_REQUESTED,
        job.placement(),
        attempt,
        job.attemptNumber(),
        job.requeueCount(),
        job.times().stopRequested(now),
        job.error(),
        note,
        job.history());
  }

  /**
   * Ends the job in a terminal state on the coordinator's or an operator's word; {@code force}
   * skips the transition table (an operator's explicit choice).
   */
  public Job end(JobStatus to, String error, StatusNote note, boolean force) {
    if (!force) {
      require(to);
    }
    return close(to, error, note, error);
  }

  private Job close(JobStatus to, String error, StatusNote note, String reason) {
    return next(
        to,
        job.placement(),
        job.attempt(),
        job.attemptNumber(),
        job.requeueCount(),
        job.times().ended(now),
        error,
        note,
        ended(to, reason));
  }

  /** The history with the current attempt closed, if there is one. */
  private List<AttemptRecord> ended(JobStatus outcome, String reason) {
    Attempt a = job.attempt();
    List<AttemptRecord> before = job.history();
    if (a == null || (!before.isEmpty() && before.get(before.size() - 1).attempt() == a.number())) {
      return before; // no attempt, or it ended already (a forced change of an ended job)
    }
    List<AttemptRecord> out = new ArrayList<>(job.history());
    out.add(
        new AttemptRecord(
            a.number(),
            a.workerId(),
            job.times().dispatchedAt(),
            job.times().startedAt(),
            now,
            outcome,
            reason,
            a.exitCode()));
    return out.size() > Job.HISTORY_LIMIT
        ? out.subList(out.size() - Job.HISTORY_LIMIT, out.size())
        : out;
  }

  private Placement placementOf(WorkerReport r) {
    return r.workerId() == null ? job.placement() : job.placement().heldBy(r.workerId());
  }

  private static String reasonOf(JobStatus to, WorkerReport r) {
    if (r.error() != null) {
      return r.error().length() > 200 ? r.error().substring(0, 200) : r.error();
    }
    if (to == JobStatus.FAILED && r.exitCode() != null) {
      return "exit code " + r.exitCode();
    }
    return null;
  }

  private void require(JobStatus to) {
    JobStatus from = job.status();
    if (from.canTransition(to)) {
      return;
    }
    throw ApiFailure.conflict("Invalid status transition " + from.wire() + " -> " + to.wire());
  }

  private Job next(
      JobStatus status,
      Placement placement,
      Attempt attempt,
      int attemptNumber,
      int requeueCount,
      JobTimes times,
      String error,
      StatusNote note,
      List<AttemptRecord> history) {
    return new Job(
        job.spec(),
        status,
        placement,
        attempt,
        attemptNumber,
        requeueCount,
        times,
        error,
        note,
        history,
        job.reruns(),
        job.version() + 1,
        job.extra());
  }
}
