package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Read-only views of the registry and the queue, answered from memory. Replies hold copies taken on
 * the dispatch loop: live entries keep changing here while a reply is read on another thread.
 */
final class JobQueries {
  private final Dispatcher d;

  JobQueries(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  JsonObject status(String jobId) {
    JsonObject doc = d.registry.statusDoc(jobId);
    if (doc == null) {
      throw ApiFailure.notFound("Job not found");
    }
    return doc.copy();
  }

  /** The registry entry of one job, or 404. */
  JsonObject job(String jobId) {
    JobEntry e = d.registry.get(jobId);
    if (e == null) {
      throw ApiFailure.notFound("Job not found");
    }
    return e.json().copy();
  }

  /** Entries in submission order, filtered by status and host, then paged. */
  JsonObject jobs(JsonObject filter) {
    String status = filter.getString("status");
    String host = filter.getString("host");
    int offset = filter.getInteger("offset", 0);
    Integer limit = filter.getInteger("limit");
    JsonArray page = new JsonArray();
    int matched = 0;
    for (JobEntry e : d.registry.all()) {
      if (status != null && !status.equals(e.status().wire())) {
        continue;
      }
      if (host != null && !host.equals(e.targetHost()) && !host.equals(e.preferredHost())) {
        continue;
      }
      if (matched++ < offset || (limit != null && page.size() >= limit)) {
        continue;
      }
      page.add(e.json().copy());
    }
    return new JsonObject().put("jobs", page).put("total", matched);
  }

  JsonArray queue() {
    JsonArray out = new JsonArray();
    for (QueueEntry q : d.queue.ordered()) {
      out.add(q.toJson());
    }
    return out;
  }

  /** Active jobs by host, for {@code /hosts} and the monitor's sweep. */
  JsonObject active() {
    JsonObject hosts = new JsonObject();
    for (Map.Entry<String, Set<String>> e : d.registry.activeByHost().entrySet()) {
      JsonArray jobs = new JsonArray();
      for (String id : e.getValue()) {
        JobEntry job = d.registry.get(id);
        JsonObject details = job.details();
        JsonObject doc = d.registry.statusDoc(id);
        JsonObject docDetails = doc == null ? null : doc.getJsonObject("details");
        Object slurmState =
            docDetails != null
                ? docDetails.getValue("slurm_state")
                : details != null ? details.getValue("slurm_state") : null;
        jobs.add(
            new JsonObject()
                .put("job_id", id)
                .put("status", job.status().wire())
                .put("attempt", job.attempt())
                .put("profile", job.profile())
                .put("worker_id", job.workerId())
                .put("status_updated_at", job.time("status_updated_at"))
                .put("last_status_at", job.time("last_status_at"))
                .put("dispatched_at", job.time("dispatched_at"))
                .put("slurm_state", slurmState == null ? null : String.valueOf(slurmState)));
      }
      hosts.put(e.getKey(), jobs);
    }
    return hosts;
  }

  /** Ids of this worker's jobs that have a stop request. */
  JsonArray stopRequests(String worker) {
    JsonArray ids = new JsonArray();
    for (JobEntry e : d.registry.activeOn(worker)) {
      if (e.status() == JobStatus.STOP_REQUESTED) {
        ids.add(e.jobId());
      }
    }
    return ids;
  }
}
