package eu.opeva.coordinator.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a failed attempt is tried again: up to {@code maxAttempts} attempts in all, for the causes
 * in {@code on}, after an exponential backoff from {@code backoffMs} (doubling per retry, at most
 * {@code maxBackoffMs}, with jitter). {@code exitCodes} narrows {@code exit_code} retries to those
 * codes (empty: any non-zero code).
 */
public record RetryPolicy(
    int maxAttempts, long backoffMs, long maxBackoffMs, Set<Cause> on, List<Integer> exitCodes) {

  /** What ended an attempt, as far as retries go. */
  public enum Cause {
    /** The worker went offline, restarted, or never got the payload. */
    WORKER_LOST,
    /** No status within the TTL, or a dispatch never acknowledged. */
    STALE,
    /** The job itself failed with a non-zero exit code. */
    EXIT_CODE;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
      return wire;
    }

    public static Optional<Cause> parse(String value) {
      for (Cause c : values()) {
        if (c.wire.equals(value)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  public RetryPolicy {
    on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    exitCodes = List.copyOf(exitCodes);
  }

  /** Whether an attempt that ended for {@code cause} (with {@code exitCode}) is tried again. */
  public boolean retries(Cause cause, Integer exitCode, int attemptsSoFar) {
    if (attemptsSoFar >= maxAttempts || !on.contains(cause)) {
      return false;
    }
    return cause != Cause.EXIT_CODE || exitCodes.isEmpty() || exitCodes.contains(exitCode);
  }

  /**
   * The wait before the next attempt, after {@code attemptsSoFar} attempts: the backoff doubled per
   * retry, capped, between half and all of it ({@code jitter} in [0, 1), reproducible per job).
   */
  public long delayMs(int attemptsSoFar, double jitter) {
    long full = backoffMs;
    for (int i = 1; i < attemptsSoFar && full < maxBackoffMs; i++) {
      full *= 2;
    }
    full = Math.min(full, maxBackoffMs);
    return full / 2 + (long) (jitter * (full - full / 2));
  }
}
