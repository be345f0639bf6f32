package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.metrics.DispatchMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every job as last written, in submission order (by submission number, so the order does not
 * depend on which write finished first, and is the order recovery rebuilds), with an index of
 * active jobs per host (for slots, stop requests and the monitor) and of dependents (the jobs that
 * name a job in their {@code depends_on}) and children (the jobs a job submitted with its token).
 * Holds only what is durable: the dispatcher puts a job here after its files were written.
 */
final class JobRegistry {
  private final DispatchMetrics metrics;
  private final Map<String, Job> jobs = new HashMap<>();
  private final TreeMap<Long, Job> bySeq = new TreeMap<>();
  private final Map<String, Set<String>> activeByHost = new HashMap<>();
  private final Map<String, Set<String>> dependents = new HashMap<>();
  private final Map<String, Set<String>> children = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Map<String, Map<String, Object>> workerInfo = new HashMap<>();
  private final Set<String> leftActive = new LinkedHashSet<>();

  private final JobStatuses view;

  JobRegistry(DispatchMetrics metrics, JobStatuses view) {
    this.metrics = metrics;
    this.view = view;
  }

  Job get(String jobId) {
    return jobs.get(jobId);
  }

  int size() {
    return jobs.size();
  }

  Collection<Job> all() {
    return bySeq.values();
  }

  /** The jobs submitted after job number {@code seq}, in submission order. */
  Collection<Job> after(long seq) {
    return bySeq.tailMap(seq, false).values();
  }

  /** Adds or replaces a job, keeping its place in submission order. */
  void put(Job job) {
    Job before = jobs.put(job.jobId(), job);
    if (before == null || before.status() != job.status()) {
      if (before != null) {
        metrics.left(before.status());
      }
      metrics.entered(job.status());
    }
    if (before != null) {
      if (before.status().isActive() && !job.status().isActive()) {
        leftActive.add(job.jobId());
      }
      unindex(before);
      bySeq.remove(before.spec().seq());
    } else {
      for (String dep : job.spec().scheduling().dependsOn()) {
        dependents.computeIfAbsent(dep, k -> new LinkedHashSet<>()).add(job.jobId());
      }
      String parent = job.spec().origin().parentJobId();
      if (parent != null) {
        children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(job.jobId());
      }
    }
    bySeq.put(job.spec().seq(), job);
    view.put(job);
    index(job);
    dirty.add(job.jobId());
  }

  Job remove(String jobId) {
    Job job = jobs.remove(jobId);
    if (job != null) {
      metrics.left(job.status());
      view.remove(jobId);
      workerInfo.remove(jobId);
      leftActive.remove(jobId);
      unindex(job);
      bySeq.remove(job.spec().seq());
      dirty.add(jobId);
      for (String dep : job.spec().scheduling().dependsOn()) {
        unlink(dependents, dep, jobId);
      }
      String parent = job.spec().origin().parentJobId();
      if (parent != null) {
        unlink(children, parent, jobId);
      }
    }
    return job;
  }

  /**
   * The keys workers added to the job's {@code job_info.json} (those the codec does not write), as
   * last read; empty when none.
   */
  Map<String, Object> workerInfo(String jobId) {
    return workerInfo.getOrDefault(jobId, Map.of());
  }

  /** Records the keys workers added to a registered job's info file (ignored once it is gone). */
  void workerInfo(String jobId, Map<String, Object> keys) {
    if (!jobs.containsKey(jobId)) {
      return;
    }
    if (keys.isEmpty()) {
      workerInfo.remove(jobId);
    } else {
      workerInfo.put(jobId, keys);
    }
  }

  /**
   * Ids of the jobs whose workers may have written to their info files since the last call: the
   * active ones and those that stopped being active meanwhile.
   */
  Set<String> drainInfoCandidates() {
    Set<String> out = new LinkedHashSet<>(leftActive);
    leftActive.clear();
    for (Set<String> ids : activeByHost.values()) {
      out.addAll(ids);
    }
    return out;
  }

  /** Ids of the jobs that depend on this one, in submission order of their registration. */
  Set<String> dependentsOf(String jobId) {
    return dependents.getOrDefault(jobId, Set.of());
  }

  /** Ids of the jobs this one submitted (its follow-up jobs), in submission order. */
  Set<String> childrenOf(String jobId) {
    return children.getOrDefault(jobId, Set.of());
  }

  private static void unlink(Map<String, Set<String>> index, String from, String jobId) {
    Set<String> of = index.get(from);
    if (of != null && of.remove(jobId) && of.isEmpty()) {
      index.remove(from);
    }
  }

  /** Whether a job that depends on this one still waits. */
  boolean hasWaitingDependents(String jobId) {
    for (String id : dependentsOf(jobId)) {
      Job j = jobs.get(id);
      if (j != null && j.status() == JobStatus.WAITING) {
        return true;
      }
    }
    return false;
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

  List<Job> activeOn(String host) {
    Set<String> ids = activeByHost.get(host);
    return ids == null ? List.of() : ids.stream().map(jobs::get).toList();
  }

  Set<String> activeHosts() {
    return activeByHost.keySet();
  }

  int activeCount(String host, String profile) {
    int n = 0;
    for (Job j : activeOn(host)) {
      if (j.profile().equals(profile)) {
        n++;
      }
    }
    return n;
  }

  private void index(Job job) {
    String host = job.placement().slotHost();
    if (job.status().isActive() && host != null) {
      activeByHost.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(job.jobId());
    }
  }

  private void unindex(Job job) {
    String host = job.placement().slotHost();
    Set<String> ids = host == null ? null : activeByHost.get(host);
    if (ids != null && ids.remove(job.jobId()) && ids.isEmpty()) {
      activeByHost.remove(host);
    }
  }
}
