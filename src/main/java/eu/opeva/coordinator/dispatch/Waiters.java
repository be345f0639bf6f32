package eu.opeva.coordinator.dispatch;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Long-polling workers waiting for a job, in arrival order, indexed by worker id. */
final class Waiters {
  record Waiter(String waitId, String worker, Message<JsonObject> message, long timerId) {}

  private final LinkedHashMap<String, Waiter> all = new LinkedHashMap<>();
  private final Map<String, ArrayDeque<Waiter>> byWorker = new HashMap<>();
  private final AtomicInteger count;

  /** {@code count} mirrors the number of waiting polls for the metrics. */
  Waiters(AtomicInteger count) {
    this.count = count;
  }

  void add(Waiter waiter) {
    all.put(waiter.waitId(), waiter);
    byWorker.computeIfAbsent(waiter.worker(), w -> new ArrayDeque<>()).addLast(waiter);
    count.set(all.size());
  }

  Waiter remove(String waitId) {
    Waiter waiter = all.remove(waitId);
    if (waiter != null) {
      ArrayDeque<Waiter> queue = byWorker.get(waiter.worker());
      queue.remove(waiter);
      if (queue.isEmpty()) {
        byWorker.remove(waiter.worker());
      }
      count.set(all.size());
    }
    return waiter;
  }

  Waiter firstOf(String worker) {
    ArrayDeque<Waiter> queue = byWorker.get(worker);
    return queue == null ? null : queue.peekFirst();
  }

  /**
   * The first worker, in order of their oldest waiting poll, that {@code accepts}; null when none
   * does. Stops at the first: O(position), not O(waiting polls).
   */
  String firstWorker(Predicate<String> accepts) {
    for (Waiter w : all.values()) {
      if (accepts.test(w.worker())) {
        return w.worker();
      }
    }
    return null;
  }

  /** The workers with a waiting poll, in order of their oldest poll. */
  List<String> workersInArrivalOrder() {
    List<String> workers = new ArrayList<>();
    for (Waiter w : all.values()) {
      if (firstOf(w.worker()) == w) {
        workers.add(w.worker());
      }
    }
    return workers;
  }

  List<Waiter> removeAll() {
    List<Waiter> out = new ArrayList<>(all.values());
    all.clear();
    byWorker.clear();
    count.set(0);
    return out;
  }

  int size() {
    return all.size();
  }
}
