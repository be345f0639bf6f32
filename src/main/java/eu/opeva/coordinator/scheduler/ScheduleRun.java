package eu.opeva.coordinator.scheduler;

import java.util.List;
import java.util.Locale;

/**
 * One run of a schedule, recorded in the schedule's file before its job or pipeline is submitted.
 * {@code scheduledFor} is the planned time (epoch milliseconds) and, with the schedule id, the
 * run's identity and the idempotency key of its submission; {@code missedFrom} is the earliest
 * planned time it stands for when it replaced missed ones; {@code canceled} the previous runs' jobs
 * or pipelines it stopped ({@code cancel_previous}); {@code outcome} the terminal status of its job
 * or pipeline, once seen.
 */
public record ScheduleRun(
    long scheduledFor,
    Trigger trigger,
    State state,
    String jobId,
    String pipelineId,
    String detail,
    Integer failureStatus,
    Long missedFrom,
    List<String> canceled,
    long recordedAt,
    Long submittedAt,
    int attempts,
    Long retryAt,
    String outcome) {

  /** Why a run was made: its planned time came, it stands for missed ones, or a user asked. */
  public enum Trigger {
    CRON,
    CATCHUP,
    MANUAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Trigger parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * {@code submitting}: recorded, its submission not answered yet (or to be retried); {@code
   * submitted}: its job or pipeline exists; {@code skipped}: not started (overlap); {@code failed}:
   * the submission was refused; {@code missed}: planned while the coordinator was down, and catchup
   * is none.
   */
  public enum State {
    SUBMITTING,
    SUBMITTED,
    SKIPPED,
    FAILED,
    MISSED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public ScheduleRun {
    canceled = canceled == null ? List.of() : List.copyOf(canceled);
  }

  /** A run recorded now, about to be submitted. */
  static ScheduleRun submitting(
      long scheduledFor, Trigger trigger, Long missedFrom, List<String> canceled, long now) {
    return new ScheduleRun(
        scheduledFor,
        trigger,
        State.SUBMITTING,
        null,
        null,
        null,
        null,
        missedFrom,
        canceled,
        now,
        null,
        0,
        null,
        null);
  }

  /** A run that does not start: skipped or missed, with why. */
  static ScheduleRun notStarted(
      long scheduledFor, Trigger trigger, State state, Long missedFrom, String detail, long now) {
    return new ScheduleRun(
        scheduledFor,
        trigger,
        state,
        null,
        null,
        detail,
        null,
        missedFrom,
        List.of(),
        now,
        null,
        0,
        null,
        null);
  }

  /** The idempotency key of its submission: the schedule and the planned time. */
  public String key(String scheduleId) {
    return "schedule:" + scheduleId + (trigger == Trigger.MANUAL ? ":manual:" : ":") + scheduledFor;
  }

  /** The same run (same planned time, made by hand or not). */
  boolean sameRun(ScheduleRun other) {
    return scheduledFor == other.scheduledFor
        && (trigger == Trigger.MANUAL) == (other.trigger == Trigger.MANUAL);
  }

  /** Submitted and not seen ended: its job or pipeline may still be active. */
  boolean mayBeActive() {
    return state == State.SUBMITTED && outcome == null;
  }

  /** Whether it started a job or pipeline, or tried to (not skipped or missed). */
  boolean attempted() {
    return state == State.SUBMITTING || state == State.SUBMITTED || state == State.FAILED;
  }

  /** The job or pipeline it created. */
  String created() {
    return jobId != null ? jobId : pipelineId;
  }

  ScheduleRun submitted(String createdId, boolean pipeline, long now) {
    return new ScheduleRun(
        scheduledFor,
        trigger,
        State.SUBMITTED,
        pipeline ? null : createdId,
        pipeline ? createdId : null,
        null,
        null,
        missedFrom,
        canceled,
        recordedAt,
        now,
        attempts + 1,
        null,
        null);
  }

  /** Dispatch could not answer (503): the same submission is tried again at {@code retryAt}. */
  ScheduleRun retrying(String why, long retryAt) {
    return new ScheduleRun(
        scheduledFor,
        trigger,
        State.SUBMITTING,
        null,
        null,
        why,
        null,
        missedFrom,
        canceled,
        recordedAt,
        null,
        attempts + 1,
        retryAt,
        null);
  }

  ScheduleRun failed(int status, String why) {
    return new ScheduleRun(
        scheduledFor,
        trigger,
        State.FAILED,
        null,
        null,
        why,
        status,
        missedFrom,
        canceled,
        recordedAt,
        null,
        attempts + 1,
        null,
        null);
  }

  ScheduleRun withOutcome(String terminal) {
    return new ScheduleRun(
        scheduledFor,
        trigger,
        state,
        jobId,
        pipelineId,
        detail,
        failureStatus,
        missedFrom,
        canceled,
        recordedAt,
        submittedAt,
        attempts,
        retryAt,
        terminal);
  }
}
