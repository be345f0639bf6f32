package eu.opeva.coordinator.scheduler;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operations on one schedule run one after the other, each deciding on what the previous one left
 * (a run's submission and the change that follows it never interleave). Used on the scheduler's
 * event loop only.
 */
final class Serial {
  private final Map<String, Future<?>> tails = new HashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> step) {
    Future<?> tail = tails.get(key);
    Future<T> next = tail == null ? start(step) : tail.transform(ignored -> start(step));
    tails.put(key, next);
    next.onComplete(ar -> tails.remove(key, next));
    return next;
  }

  private static <T> Future<T> start(Supplier<Future<T>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Whether an operation on the key is under way or waiting. */
  boolean busy(String key) {
    return tails.containsKey(key);
  }

  /** Completes when every operation started so far has ended. */
  Future<Void> drain() {
    return Future.join(tails.values().stream().map(f -> (Future<?>) f).toList()).mapEmpty();
  }
}
