package eu.opeva.coordinator.citylearn;

import java.time.Instant;

/**
 * The target index: rows labelled by the end of their step, from {@code start + period} to {@code
 * end} inclusive; row {@code r} covers the instants in {@code (label - period, label]}. Both ends
 * are multiples of the period counted from the Unix epoch.
 */
public record TimeGrid(long startMs, long endMs, long periodMs) {

  static long floor(Instant t, long periodMs) {
    return Math.floorDiv(t.toEpochMilli(), periodMs) * periodMs;
  }

  public int rows() {
    return (int) ((endMs - startMs) / periodMs);
  }

  public Instant label(int row) {
    return Instant.ofEpochMilli(startMs + (row + 1L) * periodMs);
  }

  /** The row holding this instant, or -1 when it is outside the grid. */
  int rowOf(Instant t) {
    long ms = t.toEpochMilli();
    if (ms <= startMs || ms > endMs) {
      return -1;
    }
    return (int) (Math.floorDiv(ms - startMs - 1, periodMs));
  }

  int periodMinutes() {
    return (int) (periodMs / 60_000);
  }
}
