package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.ActiveJob;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.jobstore.JobCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only views of the registry and the queue, answered from memory as JSON built on the dispatch
 * loop (the jobs are immutable, so a reply never races a change).
 */
final class JobQueries {
  static final String JOBS = "jobs";
  static final String TOTAL = "total";
  static final String ENTRIES = "entries";

  private final Dispatcher d;

  JobQueries(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  /** The answer for a job id that names no job. */
  private static ApiFailure notFound() {
    return ApiFailure.notFound("Job not found");
  }

  /**
   * The status document of a job as last written (from the registry or {@link JobStatuses}), or a
   * 404 for none.
   */
  static JsonObject statusOf(Job job) {
    if (job == null) {
      throw notFound();
    }
    return JobCodec.statusDocument(job);
  }

  JsonObject status(String jobId) {
    return statusOf(d.registry.get(jobId));
  }

  /** The registry entry of one job (its {@code job_track.json} form), or 404. */
  JsonObject job(String jobId) {
    Job job = d.registry.get(jobId);
    if (job == null) {
      throw notFound();
    }
    return JobCodec.trackEntry(job);
  }

  /**
   * Jobs in submission order (after {@code afterSeq} when given), filtered by status and host, then
   * paged; with the submission number of the page's last job, where the next page starts. Only the
   * first page of a listing counts the matching jobs (without a filter: the registry's size), and a
   * page stops at its last job otherwise, so listing the whole registry in pages walks it once.
   */
  JobPage jobs(JobFilter filter) {
    List<JobPage.Listed> page = new ArrayList<>(Math.min(filter.limit(), 1024));
    boolean first = filter.afterSeq() == null;
    boolean counting = first && filter.filters();
    int matched = 0;
    Long lastSeq = null;
    Collection<Job> from = first ? d.registry.all() : d.registry.after(filter.afterSeq());
    for (Job job : from) {
      if (page.size() >= filter.limit() && !counting) {
        break;
      }
      if (!filter.matches(job)) {
        continue;
      }
      if (matched++ < filter.offset() || page.size() >= filter.limit()) {
        continue;
      }
      page.add(new JobPage.Listed(job, d.registry.workerInfo(job.jobId())));
      lastSeq = job.spec().seq();
    }
    Integer total = !first ? null : counting ? matched : d.registry.size();
    return new JobPage(page, total, lastSeq);
  }

  /**
   * The queue in the order jobs are offered, each entry with its place ({@code position}, from 1)
   * and the priority it has now, aging included ({@code effective_priority}).
   */
  JsonObject queue() {
    JsonArray out = new JsonArray();
    long now = d.now();
    int position = 1;
    for (QueueEntry q : d.queue.ordered(d.now())) {
      out.add(
          JobCodec.queueFile(q)
              .put(WhyFacts.PRIORITY, q.priority())
              .put(WhyFacts.POSITION, position++)
              .put(
                  WhyFacts.EFFECTIVE_PRIORITY,
                  WhyFacts.rounded(q.effectivePriority(now, d.queue.agingMs()))));
    }
    return new JsonObject().put(ENTRIES, out);
  }

  /** What dispatch knows of why the job is where it is (see {@link WhyFacts}), or 404. */
  JsonObject why(String jobId) {
    Job job = d.registry.get(jobId);
    if (job == null) {
      throw notFound();
    }
    return new WhyFacts(d).of(job);
  }

  /** The registry entry of one job with the jobs that depend on it and the jobs it submitted. */
  JsonObject jobWithDependents(String jobId) {
    return job(jobId)
        .put(JobFields.DEPENDENTS, new JsonArray(List.copyOf(d.registry.dependentsOf(jobId))))
        .put(JobFields.CHILDREN, new JsonArray(List.copyOf(d.registry.childrenOf(jobId))));
  }

  /** Active jobs by host, for {@code /hosts} and the monitor's sweep. */
  JsonObject active() {
    Map<String, List<ActiveJob>> byHost = new LinkedHashMap<>();
    for (String host : d.registry.activeHosts()) {
      List<ActiveJob> jobs = new ArrayList<>();
      d.registry.activeOn(host).forEach(j -> jobs.add(ActiveJob.of(j)));
      byHost.put(host, jobs);
    }
    return ActiveJobs.toJson(byHost);
  }

  /** Ids of this worker's jobs that have a stop request. */
  List<String> stopRequests(String worker) {
    List<String> ids = new ArrayList<>();
    for (Job job : d.registry.activeOn(worker)) {
      if (job.status() == JobStatus.STOP_REQUESTED) {
        ids.add(job.jobId());
      }
    }
    return ids;
  }
}
