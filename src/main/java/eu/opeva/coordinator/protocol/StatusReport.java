package eu.opeva.coordinator.protocol;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.CONTAINER_ID;
import static eu.opeva.coordinator.domain.JobFields.CONTAINER_NAME;
import static eu.opeva.coordinator.domain.JobFields.DETAILS;
import static eu.opeva.coordinator.domain.JobFields.ERROR;
import static eu.opeva.coordinator.domain.JobFields.EXIT_CODE;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.STATUS;
import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonObject;

/**
 * A worker's report on one attempt of a job. {@code attempt} and {@code workerId} are null from
 * older agents; {@code details} that is not an object is dropped, as the replaced service did.
 */
public record StatusReport(
    String jobId,
    JobStatus status,
    String workerId,
    Integer attempt,
    String containerId,
    String containerName,
    Integer exitCode,
    String error,
    JsonObject details) {

  public StatusReport {
    if (!JobStatus.REPORTABLE.contains(status)) {
      throw ApiFailure.badRequest("Status '" + status.wire() + "' cannot be reported by a worker");
    }
  }

  /** A report of {@code status} with nothing else to say. */
  public static StatusReport of(String jobId, JobStatus status, String workerId, Integer attempt) {
    return new StatusReport(jobId, status, workerId, attempt, null, null, null, null, null);
  }

  public StatusReport withStatus(JobStatus other) {
    return new StatusReport(
        jobId, other, workerId, attempt, containerId, containerName, exitCode, error, details);
  }

  /** The same report of the outcome, with its exit code and error. */
  public StatusReport withOutcome(JobStatus other, Integer code, String why) {
    return new StatusReport(
        jobId, other, workerId, attempt, containerId, containerName, code, why, details);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put(JOB_ID, jobId).put(STATUS, status.wire());
    putIfSet(json, WORKER_ID, workerId);
    putIfSet(json, ATTEMPT, attempt);
    putIfSet(json, CONTAINER_ID, containerId);
    putIfSet(json, CONTAINER_NAME, containerName);
    putIfSet(json, EXIT_CODE, exitCode);
    putIfSet(json, ERROR, error);
    putIfSet(json, DETAILS, details);
    return json;
  }

  /**
   * Reads a report; a status outside {@link JobStatus#REPORTABLE}, or an attempt or exit code that
   * is not an int, is a 400.
   */
  public static StatusReport fromJson(JsonObject json) {
    String raw = json.getString(STATUS);
    JobStatus status =
        JobStatus.parse(raw)
            .filter(JobStatus.REPORTABLE::contains)
            .orElseThrow(() -> ApiFailure.badRequest("Unknown status '" + raw + "'"));
    Object details = json.getValue(DETAILS);
    return new StatusReport(
        json.getString(JOB_ID),
        status,
        blankToNull(json.getString(WORKER_ID)),
        JsonInts.exact(json, ATTEMPT),
        json.getString(CONTAINER_ID),
        json.getString(CONTAINER_NAME),
        JsonInts.exact(json, EXIT_CODE),
        json.getString(ERROR),
        details instanceof JsonObject d ? d : null);
  }

  private static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
