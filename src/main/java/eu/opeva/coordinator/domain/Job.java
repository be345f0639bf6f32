package eu.opeva.coordinator.domain;

import java.util.List;
import java.util.Map;

/**
 * One job, whole: what it was submitted as, where it is in its life, its current attempt and the
 * attempts before it. Immutable; every change is a method of {@link JobTransitions} that returns
 * the next version, checked against the one transition table of {@link JobStatus}. {@code version}
 * rises with every change, so a decision taken on one version can be fenced against the next.
 * {@code extra} keeps fields of the status file that this version does not know, written back as
 * they came.
 */
public record Job(
    JobSpec spec,
    JobStatus status,
    Placement placement,
    Attempt attempt,
    int attemptNumber,
    int requeueCount,
    JobTimes times,
    String error,
    StatusNote note,
    List<AttemptRecord> history,
    List<String> reruns,
    long version,
    Map<String, Object> extra) {

  /** How many ended attempts the history keeps (the oldest are dropped first). */
  public static final int HISTORY_LIMIT = 100;

  public Job {
    note = note == null ? StatusNote.NONE : note;
    history = history == null ? List.of() : List.copyOf(history);
    reruns = reruns == null ? List.of() : List.copyOf(reruns);
    extra = extra == null ? Map.of() : Plain.map(extra);
  }

  /** A job just accepted: queued at its submission time, placed as asked. */
  public static Job accepted(JobSpec spec, Placement placement) {
    return accepted(spec, placement, false);
  }

  /**
   * A job just accepted, queued at its submission time or, when {@code waiting}, waiting for its
   * dependencies.
   */
  public static Job accepted(JobSpec spec, Placement placement, boolean waiting) {
    long at = spec.submittedAt();
    return new Job(
        spec,
        waiting ? JobStatus.WAITING : JobStatus.QUEUED,
        placement,
        null,
        0,
        0,
        waiting ? JobTimes.waiting(at) : JobTimes.queued(at),
        null,
        StatusNote.NONE,
        List.of(),
        List.of(),
        1,
        Map.of());
  }

  public String jobId() {
    return spec.jobId();
  }

  /** The worker holding the current attempt, or null. */
  public String workerId() {
    return attempt == null ? null : attempt.workerId();
  }

  /** The slot profile, from the submission and what the worker reported. */
  public String profile() {
    return spec.profile(attempt == null ? null : attempt.details());
  }

  /**
   * The job with a re-run linked to it. A link, not a change of state: the version stays (it fences
   * state decisions) and only the info file records it.
   */
  public Job withRerun(String rerunId) {
    List<String> all = new java.util.ArrayList<>(reruns);
    all.add(rerunId);
    return new Job(
        spec,
        status,
        placement,
        attempt,
        attemptNumber,
        requeueCount,
        times,
        error,
        note,
        history,
        all,
        version,
        extra);
  }

  /** A job of an older version, given its submission number when first read. */
  public Job numbered(long seq) {
    return new Job(
        spec.withSeq(seq),
        status,
        placement,
        attempt,
        attemptNumber,
        requeueCount,
        times,
        error,
        note,
        history,
        reruns,
        version,
        extra);
  }

  public JobTransitions change(long now) {
    return new JobTransitions(this, now);
  }
}
