package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobProfile;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.metrics.DispatchMetrics;
import eu.opeva.coordinator.settings.HostSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue in memory: one ordered set per (pinned host or none, profile), highest effective
 * priority first, first come first served within a priority (by the time each job entered the
 * queue, then by submission number), the order recovery rebuilds from the files. Aging (one point
 * of priority per {@code agingMs} of waiting) keeps the order fixed while entries wait (see {@link
 * QueueEntry#rank}), so picking a job for a worker looks only at the heads of the few sets the
 * worker may take from: O(log n) whatever the queue length. Jobs waiting out a retry's backoff are
 * held aside, ordered by when they may go, and join their set at that moment (checked at every
 * pick). The files under {@code queue/} mirror it for durability; they are never scanned here.
 */
final class JobQueue {
  private static final Comparator<QueueEntry> DUE =
      Comparator.comparingLong(QueueEntry::notBefore).thenComparingLong(QueueEntry::seq);

  private final Comparator<QueueEntry> order;
  private final Map<String, TreeSet<QueueEntry>> sets = new HashMap<>();
  private final TreeSet<QueueEntry> delayed = new TreeSet<>(DUE);
  private final Map<String, QueueEntry> byJob = new HashMap<>();
  private final QueueHint hint;
  private final long agingMs;
  private final DispatchMetrics metrics;
  private final Map<String, AtomicInteger> depth = new HashMap<>();

  JobQueue(QueueHint hint, long agingMs) {
    this(hint, agingMs, DispatchMetrics.standalone());
  }

  JobQueue(QueueHint hint, long agingMs, DispatchMetrics metrics) {
    this.hint = hint;
    this.agingMs = agingMs;
    this.metrics = metrics;
    this.order =
        Comparator.<QueueEntry>comparingLong(q -> q.rank(agingMs))
            .thenComparingLong(QueueEntry::enqueuedAt)
            .thenComparingLong(QueueEntry::seq);
  }

  /**
   * Slot check supplied by the dispatcher: may {@code host} start one more job of {@code profile}?
   */
  interface Slots {
    boolean free(String host, String profile);
  }

  /**
   * Adds a job at its place. An entry taken out for a dispatch that was undone goes back to the
   * same place. One not to be offered before a later moment than {@code now} is held aside until
   * then.
   */
  QueueEntry add(QueueEntry entry, long now) {
    remove(entry.jobId());
    if (entry.notBefore() != null && entry.notBefore() > now) {
      delayed.add(entry);
    } else {
      place(entry);
    }
    byJob.put(entry.jobId(), entry);
    hint.added(entry.pinnedHost());
    depth(entry).incrementAndGet();
    return entry;
  }

  QueueEntry remove(String jobId) {
    QueueEntry entry = byJob.remove(jobId);
    if (entry != null) {
      if (!(entry.notBefore() != null && delayed.remove(entry))) {
        String key = key(entry.pinnedHost(), entry.profile());
        TreeSet<QueueEntry> set = sets.get(key);
        set.remove(entry);
        if (set.isEmpty()) {
          sets.remove(key);
        }
      }
      hint.removed(entry.pinnedHost());
      depth(entry).decrementAndGet();
    }
    return entry;
  }

  QueueEntry get(String jobId) {
    return byJob.get(jobId);
  }

  int size() {
    return byJob.size();
  }

  /** Whether the job is held aside until its {@code notBefore}. */
  boolean isDelayed(QueueEntry entry) {
    return entry.notBefore() != null && delayed.contains(entry);
  }

  /** When the first held-aside job may go, or null when none is held aside. */
  Long nextDue() {
    return delayed.isEmpty() ? null : delayed.first().notBefore();
  }

  /** Moves the held-aside jobs whose moment has come into their sets; returns them. */
  List<QueueEntry> promoteDue(long now) {
    List<QueueEntry> due = new ArrayList<>();
    while (!delayed.isEmpty() && delayed.first().notBefore() <= now) {
      QueueEntry q = delayed.pollFirst();
      place(q);
      due.add(q);
    }
    return due;
  }

  /** The first job this worker may take now, or null. */
  QueueEntry pickFor(String worker, HostSettings settings, Slots slots, long now) {
    promoteDue(now);
    QueueEntry best = null;
    for (String profile : JobProfile.ALL) {
      if (!slots.free(worker, profile)) {
        continue;
      }
      best = first(best, head(key(worker, profile)));
      if (!settings.pinnedOnly()) {
        best = first(best, head(key(null, profile)));
      }
    }
    return best;
  }

  /**
   * Every entry in the order they would be offered now (held-aside ones last, by when they may go).
   */
  List<QueueEntry> ordered(long now) {
    promoteDue(now);
    List<QueueEntry> ready = new ArrayList<>(byJob.size());
    sets.values().forEach(ready::addAll);
    ready.sort(order);
    ready.addAll(delayed);
    return ready;
  }

  /**
   * The entry's place (from 1) in {@link #ordered}, counted without sorting: O(n) at worst, for
   * diagnostics only.
   */
  int positionOf(QueueEntry q, long now) {
    promoteDue(now);
    if (isDelayed(q)) {
      return byJob.size() - delayed.size() + delayed.headSet(q).size() + 1;
    }
    int before = 0;
    for (TreeSet<QueueEntry> set : sets.values()) {
      before += set.headSet(q, false).size();
    }
    return before + 1;
  }

  /** Whether {@code a} is offered before {@code b} (both ready). */
  boolean before(QueueEntry a, QueueEntry b) {
    return order.compare(a, b) < 0;
  }

  /** The entries of one set (pinned host or none, profile), in order. */
  Iterable<QueueEntry> set(String pinnedHost, String profile) {
    TreeSet<QueueEntry> set = sets.get(key(pinnedHost, profile));
    return set == null ? List.of() : set;
  }

  long agingMs() {
    return agingMs;
  }

  /** The queue-depth gauge of the entry's (pinned host or none, profile). */
  private AtomicInteger depth(QueueEntry entry) {
    String key = key(entry.pinnedHost(), entry.profile());
    AtomicInteger n = depth.get(key);
    if (n == null) {
      n = metrics.queueDepth(entry.pinnedHost(), entry.profile());
      depth.put(key, n);
    }
    return n;
  }

  private void place(QueueEntry entry) {
    sets.computeIfAbsent(key(entry.pinnedHost(), entry.profile()), k -> new TreeSet<>(order))
        .add(entry);
  }

  private QueueEntry head(String key) {
    TreeSet<QueueEntry> set = sets.get(key);
    return set == null || set.isEmpty() ? null : set.first();
  }

  private QueueEntry first(QueueEntry a, QueueEntry b) {
    if (a == null) {
      return b;
    }
    return b == null || order.compare(a, b) < 0 ? a : b;
  }

  private static String key(String pinnedHost, String profile) {
    return (pinnedHost == null ? "" : pinnedHost) + '|' + profile;
  }
}
