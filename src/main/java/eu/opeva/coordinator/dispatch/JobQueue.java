package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobProfile;
import eu.opeva.coordinator.settings.HostSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue in memory: one FIFO per (pinned host or none, profile). Picking a job for a worker
 * looks only at the heads of the few FIFOs the worker may take from, so it costs O(1) whatever the
 * queue length. The files under {@code queue/} mirror it for durability; they are never scanned
 * here.
 */
final class JobQueue {
  private static final List<String> PROFILES = List.of(JobProfile.CPU, JobProfile.GPU);

  private final Map<String, LinkedHashMap<String, QueueEntry>> fifos = new HashMap<>();
  private final QueueHint hint;
  private final Map<String, QueueEntry> byJob = new HashMap<>();
  private long seq;

  JobQueue(QueueHint hint) {
    this.hint = hint;
  }

  /**
   * Slot check supplied by the registry: may {@code host} start one more job of {@code profile}?
   */
  interface Slots {
    boolean free(String host, String profile);
  }

  QueueEntry add(QueueEntry entry) {
    remove(entry.jobId());
    QueueEntry sequenced = entry.withSeq(++seq);
    fifos
        .computeIfAbsent(
            key(sequenced.pinnedHost(), sequenced.profile()), k -> new LinkedHashMap<>())
        .put(sequenced.jobId(), sequenced);
    byJob.put(sequenced.jobId(), sequenced);
    hint.added(sequenced.pinnedHost());
    return sequenced;
  }

  QueueEntry remove(String jobId) {
    QueueEntry entry = byJob.remove(jobId);
    if (entry != null) {
      LinkedHashMap<String, QueueEntry> fifo = fifos.get(key(entry.pinnedHost(), entry.profile()));
      fifo.remove(jobId);
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
    for (String profile : PROFILES) {
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
    all.sort(Comparator.comparingLong(QueueEntry::seq));
    return all;
  }

  private QueueEntry head(String key) {
    LinkedHashMap<String, QueueEntry> fifo = fifos.get(key);
    if (fifo == null || fifo.isEmpty()) {
      return null;
    }
    Iterator<QueueEntry> it = fifo.values().iterator();
    return it.next();
  }

  private static QueueEntry older(QueueEntry a, QueueEntry b) {
    if (a == null) {
      return b;
    }
    return b == null || a.seq() < b.seq() ? a : b;
  }

  private static String key(String pinnedHost, String profile) {
    return (pinnedHost == null ? "" : pinnedHost) + '|' + profile;
  }
}
