package eu.opeva.coordinator.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Job states and the one transition table. Same as the service this one replaces, with one fix:
 * {@code stop_requested -> finished} is allowed (a job that completed while a stop was on its way
 * did finish; refusing it left such jobs to be failed as stale).
 */
public enum JobStatus {
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
          LAUNCHING, EnumSet.of(QUEUED, RUNNING, CANCELED),
          QUEUED, EnumSet.of(DISPATCHED, CANCELED),
          DISPATCHED, EnumSet.of(RUNNING, FAILED, CANCELED, STOP_REQUESTED, QUEUED),
          RUNNING, EnumSet.of(FINISHED, FAILED, STOP_REQUESTED, STOPPED, CANCELED),
          STOP_REQUESTED, EnumSet.of(STOPPED, FAILED, CANCELED, FINISHED));

  public String wire() {
    return name().toLowerCase();
  }

  public static Optional<JobStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (JobStatus s : values()) {
      if (s.wire().equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code this -> to} is allowed. Any state may move to not_found or unknown. */
  public boolean canTransition(JobStatus to) {
    if (to == NOT_FOUND || to == UNKNOWN) {
      return true;
    }
    return ALLOWED.getOrDefault(this, Set.of()).contains(to);
  }

  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == STOPPED || this == CANCELED;
  }

  /** Held by a worker: counts against the worker's slots and is watched by the monitor. */
  public boolean isActive() {
    return this == DISPATCHED || this == RUNNING || this == STOP_REQUESTED;
  }

  public boolean isWaiting() {
    return this == LAUNCHING || this == QUEUED;
  }
}
