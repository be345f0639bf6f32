package eu.opeva.coordinator.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Job states and the one transition table. The same as the service this one replaces, with two
 * fixes: {@code stop_requested -> finished} is allowed (a job that completed while a stop was on
 * its way did finish), and nothing leaves a terminal state except an operator's forced requeue.
 * {@code waiting} is new: a job whose dependencies have not all ended, never offered to agents.
 * {@code not_found} and {@code unknown} are only ever read from files written by older versions.
 */
public enum JobStatus {
  WAITING,
  LAUNCHING,
  QUEUED,
  DISPATCHED,
  RUNNING,
  STOP_REQUESTED,
  STOPPED,
  FINISHED,
  FAILED,
  CANCELED,
  NOT_FOUND,
  UNKNOWN;

  private static final Map<JobStatus, Set<JobStatus>> ALLOWED =
      Map.of(
          WAITING, EnumSet.of(QUEUED, CANCELED),
          LAUNCHING, EnumSet.of(QUEUED, RUNNING, CANCELED),
          QUEUED, EnumSet.of(DISPATCHED, CANCELED),
          DISPATCHED, EnumSet.of(RUNNING, FAILED, CANCELED, STOP_REQUESTED, QUEUED),
          RUNNING, EnumSet.of(FINISHED, FAILED, STOP_REQUESTED, STOPPED, CANCELED),
          STOP_REQUESTED, EnumSet.of(STOPPED, FAILED, CANCELED, FINISHED));

  /** What an agent may report: anything else is refused before it reaches the job. */
  public static final Set<JobStatus> REPORTABLE =
      EnumSet.of(QUEUED, DISPATCHED, RUNNING, FINISHED, FAILED, STOPPED, CANCELED);

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }

  public static Optional<JobStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (JobStatus s : values()) {
      if (s.wire.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code this -> to} is a move of the table (staying in a state is not a move). */
  public boolean canTransition(JobStatus to) {
    return ALLOWED.getOrDefault(this, Set.of()).contains(to);
  }

  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == STOPPED || this == CANCELED;
  }

  /** Held by a worker: counts against the worker's slots and is watched by the monitor. */
  public boolean isActive() {
    return this == DISPATCHED || this == RUNNING || this == STOP_REQUESTED;
  }

  /** Waiting for a worker: in the queue. */
  public boolean isQueued() {
    return this == LAUNCHING || this == QUEUED;
  }
}
