package eu.opeva.coordinator.domain;

import java.util.Map;

/**
 * A worker's report as the domain sees it: the status it reports and the fields it carries (null
 * when not sent). {@code queuedAt} and {@code startedAt} are the worker's own record of those times
 * (from its details), which may move the job's times earlier.
 */
public record WorkerReport(
    JobStatus status,
    String workerId,
    String containerId,
    String containerName,
    Integer exitCode,
    String error,
    Map<String, Object> details,
    Long queuedAt,
    Long startedAt) {

  public WorkerReport {
    details = details == null ? null : Plain.map(details);
  }

  public static WorkerReport of(JobStatus status, String workerId) {
    return new WorkerReport(status, workerId, null, null, null, null, null, null, null);
  }
}
