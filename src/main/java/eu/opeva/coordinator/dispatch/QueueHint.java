package eu.opeva.coordinator.dispatch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only, thread-safe view of how many jobs are queued, unpinned and per pinned host. Only the
 * dispatch loop writes it; HTTP threads read it to answer a poll that cannot get a job (the usual
 * case for an idle fleet) with 204 at once, without a trip to the dispatch loop. A job queued just
 * after the check is found by the worker's next poll, exactly as if the poll had come a moment
 * earlier, so the shortcut never changes what a worker can get.
 */
public final class QueueHint {
  private final AtomicInteger unpinned = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> pinned = new ConcurrentHashMap<>();

  /** False only when no queued job could be dispatched to this worker. */
  public boolean mayHaveWorkFor(String worker, boolean pinnedOnly) {
    AtomicInteger mine = pinned.get(worker);
    return (mine != null && mine.get() > 0) || (!pinnedOnly && unpinned.get() > 0);
  }

  void added(String pinnedHost) {
    counter(pinnedHost).incrementAndGet();
  }

  void removed(String pinnedHost) {
    counter(pinnedHost).decrementAndGet();
  }

  private AtomicInteger counter(String pinnedHost) {
    return pinnedHost == null
        ? unpinned
        : pinned.computeIfAbsent(pinnedHost, h -> new AtomicInteger());
  }
}
