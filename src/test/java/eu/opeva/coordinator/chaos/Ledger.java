package eu.opeva.coordinator.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything the driver sent and saw, shared by the workload, the sampler and the fault threads:
 * acknowledged jobs and pipelines, requests by kind and outcome, observations, coordinator lives,
 * and violations found while the run goes on. One lock (this object) guards it all.
 */
final class Ledger {
  /** A pipeline as acknowledged: its keys and the job each names now. */
  record PipelineRecord(String id, Map<String, String> jobs) {}

  /** Requests of one kind by outcome. */
  static final class Counter {
    int sent;
    int ok;
    int refused;
    int unavailable;
    int noAnswer;

    @Override
    public String toString() {
      return ok
          + "/"
          + sent
          + (noAnswer > 0 ? " (no answer " + noAnswer : " (no answer 0")
          + (unavailable > 0 ? ", 503 " + unavailable : "")
          + (refused > 0 ? ", 4xx " + refused : "")
          + ")";
    }
  }

  private final Map<String, TrackedJob> jobs = new LinkedHashMap<>();
  private final List<TrackedJob> order = new ArrayList<>();
  private final Map<String, PipelineRecord> pipelines = new LinkedHashMap<>();
  private final Map<String, Counter> counters = new TreeMap<>();
  private final Map<String, List<String>> violations = new TreeMap<>();
  private final List<Long> coordinatorStarts = new ArrayList<>();
  private int observations;

  synchronized void count(String kind, ChaosHttp.Answer a) {
    Counter c = counters.computeIfAbsent(kind, k -> new Counter());
    c.sent++;
    if (!a.answered()) {
      c.noAnswer++;
    } else if (a.ok()) {
      c.ok++;
    } else if (a.status() == 503) {
      c.unavailable++;
    } else {
      c.refused++;
    }
  }

  synchronized Map<String, Counter> counters() {
    return new TreeMap<>(counters);
  }

  synchronized void add(TrackedJob job) {
    if (!jobs.containsKey(job.id)) {
      jobs.put(job.id, job);
      order.add(job);
    }
  }

  synchronized TrackedJob job(String id) {
    return jobs.get(id);
  }

  synchronized List<TrackedJob> jobs() {
    return new ArrayList<>(order);
  }

  synchronized void addPipeline(PipelineRecord p) {
    pipelines.put(p.id(), p);
  }

  synchronized List<PipelineRecord> pipelines() {
    return new ArrayList<>(pipelines.values());
  }

  /** Records an observation; a job never acknowledged is tracked as such. */
  synchronized void observe(String id, Observation o) {
    TrackedJob job = jobs.get(id);
    if (job == null) {
      job =
          new TrackedJob(
              id, TrackedJob.Origin.UNACKNOWLEDGED, null, o.recvNanos(), 0, null, null, null);
      add(job);
    }
    job.observations.add(o);
    observations++;
    if (o.sentNanos() > job.lastSentNanos) {
      job.lastSentNanos = o.sentNanos();
      job.lastStatus = o.status();
      job.lastAttempt = o.attempt();
    }
  }

  synchronized int observationCount() {
    return observations;
  }

  synchronized int open() {
    int n = 0;
    for (TrackedJob j : order) {
      if (j.acknowledged() && j.open()) {
        n++;
      }
    }
    return n;
  }

  /** A random job that is not busy and matches, marked busy; null when none does. */
  synchronized TrackedJob claim(Random rng, Predicate<TrackedJob> p) {
    TrackedJob chosen = null;
    int seen = 0;
    for (TrackedJob j : order) {
      if (!j.busy && p.test(j) && rng.nextInt(++seen) == 0) {
        chosen = j;
      }
    }
    if (chosen != null) {
      chosen.busy = true;
    }
    return chosen;
  }

  /** Like {@link #claim} among the {@code recent} latest acknowledged jobs, not marked busy. */
  synchronized List<TrackedJob> recent(int recent, Predicate<TrackedJob> p) {
    List<TrackedJob> out = new ArrayList<>();
    for (int i = order.size() - 1; i >= 0 && out.size() < recent; i--) {
      TrackedJob j = order.get(i);
      if (j.acknowledged() && !j.busy && p.test(j)) {
        out.add(j);
      }
    }
    return out;
  }

  /**
   * Up to {@code max} random jobs among the {@code recent} latest acknowledged ones that are not
   * deleted, busy or requeued, marked as depended on (so never requeued by the workload).
   */
  synchronized List<String> chooseDependencies(Random rng, int max, int recent) {
    List<TrackedJob> pool =
        recent(recent, j -> !j.deleteSent() && j.requeues.isEmpty() && j.origin != null);
    java.util.Collections.shuffle(pool, rng);
    List<String> out = new ArrayList<>();
    for (TrackedJob j : pool.subList(0, Math.min(max, pool.size()))) {
      j.dependedOn = true;
      out.add(j.id);
    }
    return out;
  }

  /** Marks every job of {@code ids} busy, or none (false) when one of them already is. */
  synchronized boolean claimAll(Collection<String> ids) {
    for (String id : ids) {
      TrackedJob j = jobs.get(id);
      if (j != null && j.busy) {
        return false;
      }
    }
    for (String id : ids) {
      TrackedJob j = jobs.get(id);
      if (j != null) {
        j.busy = true;
      }
    }
    return true;
  }

  synchronized void releaseAll(Collection<String> ids) {
    for (String id : ids) {
      release(jobs.get(id));
    }
  }

  /** Runs {@code change} on jobs under the lock. */
  synchronized void update(Collection<TrackedJob> of, java.util.function.Consumer<TrackedJob> c) {
    of.forEach(c);
  }

  synchronized void release(TrackedJob job) {
    if (job != null) {
      job.busy = false;
    }
  }

  /**
   * Whether a delete of any job was sent before {@code to} and not answered before {@code from}.
   */
  synchronized boolean deleteDuring(long from, long to) {
    for (TrackedJob j : order) {
      for (TrackedJob.Request d : j.deletes) {
        if (d.sentNanos() < to && d.recvNanos() > from) {
          return true;
        }
      }
      if (j.deleting != 0 && j.deleting < to) {
        return true;
      }
    }
    return false;
  }

  synchronized void violation(String invariant, String what) {
    violations.computeIfAbsent(invariant, k -> new ArrayList<>()).add(what);
  }

  synchronized List<String> violations(String invariant) {
    return new ArrayList<>(violations.getOrDefault(invariant, List.of()));
  }

  synchronized void coordinatorStarted(long nanos) {
    coordinatorStarts.add(nanos);
  }

  /** Coordinator starts after {@code nanos}. */
  synchronized int startsAfter(long nanos) {
    return (int) coordinatorStarts.stream().filter(s -> s > nanos).count();
  }
}
