package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobEntry;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every job in memory, in submission order, with the last written {@code status.json} of each and
 * an index of active jobs per host (for slots, stop requests and the monitor). Mutations go through
 * {@link #update} so the index always matches.
 */
final class JobRegistry {
  private final LinkedHashMap<String, JobEntry> jobs = new LinkedHashMap<>();
  private final Map<String, JsonObject> statusDocs = new HashMap<>();
  private final Map<String, Set<String>> activeByHost = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();

  JobEntry get(String jobId) {
    return jobs.get(jobId);
  }

  int size() {
    return jobs.size();
  }

  Collection<JobEntry> all() {
    return jobs.values();
  }

  void add(JobEntry entry, JsonObject statusDoc) {
    jobs.put(entry.jobId(), entry);
    statusDocs.put(entry.jobId(), statusDoc);
    index(entry);
    dirty.add(entry.jobId());
  }

  JobEntry remove(String jobId) {
    JobEntry entry = jobs.remove(jobId);
    if (entry != null) {
      unindex(entry);
      statusDocs.remove(jobId);
      dirty.add(jobId);
    }
    return entry;
  }

  /** Applies a mutation to an entry, keeping the active index right. */
  void update(JobEntry entry, Consumer<JobEntry> mutation) {
    unindex(entry);
    mutation.accept(entry);
    index(entry);
    dirty.add(entry.jobId());
  }

  void statusDoc(String jobId, JsonObject doc) {
    statusDocs.put(jobId, doc);
  }

  JsonObject statusDoc(String jobId) {
    return statusDocs.get(jobId);
  }

  /** Ids of jobs changed since the last call (for the snapshot writer). */
  Set<String> drainDirty() {
    Set<String> out = new LinkedHashSet<>(dirty);
    dirty.clear();
    return out;
  }

  boolean hasDirty() {
    return !dirty.isEmpty();
  }

  List<JobEntry> activeOn(String host) {
    Set<String> ids = activeByHost.get(host);
    return ids == null ? List.of() : ids.stream().map(jobs::get).toList();
  }

  Map<String, Set<String>> activeByHost() {
    return activeByHost;
  }

  int activeCount(String host, String profile) {
    int n = 0;
    for (JobEntry e : activeOn(host)) {
      if (e.profile().equals(profile)) {
        n++;
      }
    }
    return n;
  }

  private void index(JobEntry entry) {
    String host = entry.slotHost();
    if (entry.status().isActive() && host != null) {
      activeByHost.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(entry.jobId());
    }
  }

  private void unindex(JobEntry entry) {
    String host = entry.slotHost();
    Set<String> ids = host == null ? null : activeByHost.get(host);
    if (ids != null && ids.remove(entry.jobId()) && ids.isEmpty()) {
      activeByHost.remove(host);
    }
  }
}
