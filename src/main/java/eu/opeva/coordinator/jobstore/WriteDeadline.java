package eu.opeva.coordinator.jobstore;

import eu.opeva.coordinator.bus.ApiFailure;
import java.time.Duration;

/**
 * When a change must have started writing at the latest, counted from the moment its request
 * arrived: a change that has not started by then (the storage is too slow, the pool saturated, the
 * job busy with earlier changes) is abandoned before it touches anything, and its requester is told
 * so (503: nothing changed). A change that has started is always waited for.
 */
public record WriteDeadline(long nanos, Duration allowed) {
  public static WriteDeadline in(Duration allowed) {
    return new WriteDeadline(System.nanoTime() + allowed.toNanos(), allowed);
  }

  public boolean passed() {
    return System.nanoTime() - nanos > 0;
  }

  /** Throws the 503 of an abandoned change when the deadline has passed. */
  public void check() {
    if (passed()) {
      throw ApiFailure.unavailable(
          "The storage is too slow: the change did not start within "
              + allowed.toMillis()
              + " ms and was abandoned, nothing changed; retry later");
    }
  }
}
