package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.STATUS;
import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonObject;

/** Published on {@link DispatchAddresses#STATUS_CHANGED} after every written status change. */
public record StatusEvent(String jobId, JobStatus status, int attempt, String workerId) {
  static JsonObject of(Job job) {
    return new StatusEvent(job.jobId(), job.status(), job.attemptNumber(), job.workerId()).toJson();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(JOB_ID, jobId)
        .put(STATUS, status.wire())
        .put(ATTEMPT, attempt)
        .put(WORKER_ID, workerId);
  }

  public static StatusEvent fromJson(JsonObject json) {
    return new StatusEvent(
        json.getString(JOB_ID),
        JobStatus.parse(json.getString(STATUS)).orElse(JobStatus.UNKNOWN),
        json.getInteger(ATTEMPT, 0),
        json.getString(WORKER_ID));
  }
}
