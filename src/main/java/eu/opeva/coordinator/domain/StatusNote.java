package eu.opeva.coordinator.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the last transition says about itself, written with the status (the replaced service's
 * "extras"): marks such as {@code stale_status: true}, the worker a job was taken from, and who did
 * an operator action and why. Replaced by every transition.
 */
public record StatusNote(
    Set<Mark> marks,
    String requeuedFrom,
    String lastHost,
    Boolean force,
    OpsAudit ops,
    String dependency) {

  public static final StatusNote NONE = new StatusNote(Set.of(), null, null, null, null, null);

  /** A boolean mark, written as {@code "<wire>": true}. */
  public enum Mark {
    STOP_REQUESTED,
    STALE_STATUS,
    CLAIM_EXPIRED,
    WORKER_OFFLINE,
    UNDELIVERED,
    DISPATCH_FAILED,
    REQUEUED_BY_OPS,
    FAILED_BY_OPS,
    CANCELED_BY_OPS,
    STOPPED_BY_OPS,
    /** Back in the queue for another attempt after a failed one (see the retry policy). */
    RETRYING,
    TERMINATE_REQUESTED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
      return wire;
    }
  }

  /** Who did an operator action, which, why and when (epoch milliseconds). */
  public record OpsAudit(String action, String by, String reason, long at) {}

  public StatusNote {
    marks = marks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(marks));
  }

  public static StatusNote of(Mark... marks) {
    return new StatusNote(
        marks.length == 0 ? Set.of() : EnumSet.of(marks[0], marks), null, null, null, null, null);
  }

  public StatusNote with(Mark mark) {
    EnumSet<Mark> all = marks.isEmpty() ? EnumSet.noneOf(Mark.class) : EnumSet.copyOf(marks);
    all.add(mark);
    return new StatusNote(all, requeuedFrom, lastHost, force, ops, dependency);
  }

  public StatusNote requeuedFrom(String worker) {
    return new StatusNote(marks, worker, lastHost, force, ops, dependency);
  }

  public StatusNote lastHost(String host) {
    return new StatusNote(marks, requeuedFrom, host, force, ops, dependency);
  }

  public StatusNote byOperator(OpsAudit audit, Boolean forced) {
    return new StatusNote(marks, requeuedFrom, lastHost, forced, audit, dependency);
  }

  /** The dependency whose end canceled a waiting job. */
  public static StatusNote failedDependency(String jobId) {
    return new StatusNote(Set.of(), null, null, null, null, jobId);
  }

  public boolean has(Mark mark) {
    return marks.contains(mark);
  }
}
