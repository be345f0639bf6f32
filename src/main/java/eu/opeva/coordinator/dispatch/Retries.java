package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.RetryPolicy.Cause;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.domain.WorkerReport;
import eu.opeva.coordinator.protocol.AgentProtocol;
import java.util.SplittableRandom;

/**
 * Whether an attempt that ended badly is tried again, and when: the job's own retry policy, else
 * the configured one, decided on the job as it was before the attempt ended. Attempts count every
 * dispatch of the job ({@code attempt_number}); a job whose stop was requested is never retried.
 */
final class Retries {
  private final Dispatcher d;

  Retries(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  RetryPolicy policyOf(Job job) {
    RetryPolicy own = job.spec().scheduling().retry();
    return own != null ? own : d.config.jobs().retry();
  }

  /** What ended a failed report's attempt, as far as retries go; null for nothing retried. */
  static Cause causeOf(WorkerReport r) {
    String error = r.error() == null ? "" : r.error();
    if (error.startsWith(AgentProtocol.AGENT_STOPPED)
        || error.startsWith(AgentProtocol.AGENT_RESTARTED)) {
      return Cause.WORKER_LOST;
    }
    if (r.exitCode() != null && r.exitCode() != 0 && !error.startsWith("timeout")) {
      return Cause.EXIT_CODE;
    }
    return null;
  }

  /** What a monitor's recovery mark means for retries. */
  static Cause causeOf(Mark mark) {
    return mark == Mark.WORKER_OFFLINE ? Cause.WORKER_LOST : Cause.STALE;
  }

  /**
   * {@code failed} is {@code before} ended {@code failed}: it stays so, or (when the policy allows
   * one more attempt for {@code cause}) goes back to the queue until its backoff has passed.
   */
  Job afterFailure(Job before, Job failed, Cause cause, Integer exitCode) {
    if (failed.status() != JobStatus.FAILED || !allowed(before, cause, exitCode)) {
      return failed;
    }
    long now = d.now();
    d.retryGranted(cause);
    return failed
        .change(now)
        .retryAt(
            now + delayMs(before),
            failed.note().with(Mark.RETRYING).requeuedFrom(before.workerId()),
            failed.error());
  }

  /**
   * A dispatch that never started (lost, stale, undelivered): back to the queue ({@code requeued},
   * after the backoff when {@code backoff}) while the policy allows one more attempt, else the job
   * fails with {@code reason}.
   */
  Job afterLostDispatch(
      Job before, Cause cause, StatusNote note, String reason, String preferred, boolean backoff) {
    if (!allowed(before, cause, null)) {
      return before
          .change(d.now())
          .end(JobStatus.FAILED, reason, note.lastHost(before.placement().targetHost()), false);
    }
    long now = d.now();
    d.retryGranted(cause);
    return before
        .change(now)
        .requeueAt(
            preferred,
            before.placement().requireHost(),
            note,
            reason,
            backoff ? now + delayMs(before) : null);
  }

  private boolean allowed(Job before, Cause cause, Integer exitCode) {
    return cause != null
        && before.status() != JobStatus.STOP_REQUESTED
        && policyOf(before).retries(cause, exitCode, before.attemptNumber());
  }

  /** The backoff before the next attempt, with jitter fixed by the job and attempt. */
  private long delayMs(Job before) {
    long seed = before.jobId().hashCode() * 31L + before.attemptNumber();
    return policyOf(before)
        .delayMs(before.attemptNumber(), new SplittableRandom(seed).nextDouble());
  }
}
