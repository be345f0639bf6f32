package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Job;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only, thread-safe view of every job as last written, by id. Only the dispatch loop writes
 * it (the registry, when a change is installed, which is before it is answered, so whoever was told
 * of a change sees it here); HTTP threads read it to answer {@code GET /status/{id}} without a trip
 * to the dispatch loop. Jobs are immutable, so a reader always sees one whole version. Until a
 * dispatcher of this process has registered what it recovered ({@link #live}), readers ask dispatch
 * over the bus, as they would a dispatcher in another process.
 */
public final class JobStatuses {
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
  private volatile boolean live;

  /** Whether this view holds every job (a dispatcher of this process keeps it). */
  public boolean live() {
    return live;
  }

  /** The job as last written, or null when there is no such job (see {@link #live}). */
  public Job get(String jobId) {
    return jobs.get(jobId);
  }

  void put(Job job) {
    jobs.put(job.jobId(), job);
  }

  void remove(String jobId) {
    jobs.remove(jobId);
  }

  void goLive() {
    live = true;
  }
}
