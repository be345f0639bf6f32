package eu.opeva.coordinator.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait: poll a probe until it holds or a deadline passes. Only for what moves on
 * its own (real processes, files or streams written by other threads); rules of time are tested
 * with the injected {@link MutableClock}, never by waiting.
 */
public final class Eventually {
  private static final long FIRST_PAUSE_MS = 5;
  private static final long LONGEST_PAUSE_MS = 50;

  private Eventually() {}

  /**
   * Polls {@code probe} until it gives a value (anything but null) and returns that value; fails
   * once {@code limit} has passed.
   */
  public static <T> T eventually(Duration limit, Supplier<T> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    long pause = FIRST_PAUSE_MS;
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }

  /** Polls {@code condition} until it holds; fails once {@code limit} has passed, naming it. */
  public static void eventually(Duration limit, String what, BooleanSupplier condition) {
    try {
      eventually(limit, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    } catch (AssertionError e) {
      throw new AssertionError(what + ": not within " + limit, e);
    }
  }
}
