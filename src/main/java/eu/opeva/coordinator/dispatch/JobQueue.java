package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobProfile;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.settings.HostSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The queue in memory: one FIFO per (pinned host or none, profile), ordered by the time each job
 * entered the queue (then by arrival, for jobs of the same millisecond), the order recovery
 * rebuilds from the files. Picking a job for a worker looks only at the heads of the few FIFOs the
 * worker may take from, so it costs O(log n) whatever the queue length. The files under {@code
 * queue/} mirror it for durability; they are never scanned here.
 */
final class JobQueue {
  private static final Comparator<QueueEntry> FIFO =
      Comparator.comparingLong(QueueEntry::enqueuedAt).thenComparingLong(QueueEntry::seq);

  private final Map<String, TreeSet<QueueEntry>> fifos = new HashMap<>();
  private final QueueHint hint;
  private final Map<String, QueueEntry> byJob = new HashMap<>();

  JobQueue(QueueHint hint) {
    this.hint = hint;
  }

  /**
   * Slot check supplied by the dispatcher: may {@code host} start one more job of {@code profile}?
   */
  interface Slots {
    boolean free(String host, String profile);
  }

  /**
   * Adds a job at its place: by the time it entered the queue, then its submission number. An entry
   * taken out for a dispatch that was undone goes back to the same place.
   */
  QueueEntry add(QueueEntry entry) {
    remove(entry.jobId());
    fifos
        .computeIfAbsent(key(entry.pinnedHost(), entry.profile()), k -> new TreeSet<>(FIFO))
        .add(entry);
    byJob.put(entry.jobId(), entry);
    hint.added(entry.pinnedHost());
    return entry;
  }

  QueueEntry remove(String jobId) {
    QueueEntry entry = byJob.remove(jobId);
    if (entry != null) {
      String key = key(entry.pinnedHost(), entry.profile());
      TreeSet<QueueEntry> fifo = fifos.get(key);
      fifo.remove(entry);
      if (fifo.isEmpty()) {
        fifos.remove(key);
      }
      hint.removed(entry.pinnedHost());
    }
    return entry;
  }

  QueueEntry get(String jobId) {
    return byJob.get(jobId);
  }

  int size() {
    return byJob.size();
  }

  /** The oldest job this worker may take now, or null. */
  QueueEntry pickFor(String worker, HostSettings settings, Slots slots) {
    QueueEntry best = null;
    for (String profile : JobProfile.ALL) {
      if (!slots.free(worker, profile)) {
        continue;
      }
      best = older(best, head(key(worker, profile)));
      if (!settings.pinnedOnly()) {
        best = older(best, head(key(null, profile)));
      }
    }
    return best;
  }

  /** Every entry, oldest first. */
  List<QueueEntry> ordered() {
    List<QueueEntry> all = new ArrayList<>(byJob.values());
    all.sort(FIFO);
    return all;
  }

  private QueueEntry head(String key) {
    TreeSet<QueueEntry> fifo = fifos.get(key);
    return fifo == null || fifo.isEmpty() ? null : fifo.first();
  }

  private static QueueEntry older(QueueEntry a, QueueEntry b) {
    if (a == null) {
      return b;
    }
    return b == null || FIFO.compare(a, b) < 0 ? a : b;
  }

  private static String key(String pinnedHost, String profile) {
    return (pinnedHost == null ? "" : pinnedHost) + '|' + profile;
  }
}
