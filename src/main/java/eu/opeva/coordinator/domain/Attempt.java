package eu.opeva.coordinator.domain;

import java.util.Map;

/**
 * One dispatch of a job to a worker and what the worker said of it: container, exit code, details,
 * the reason a stop was asked for. Numbered from 1; a report naming another number is fenced off.
 */
public record Attempt(
    int number,
    String workerId,
    String containerId,
    String containerName,
    Integer exitCode,
    Map<String, Object> details,
    String stopReason) {

  public Attempt {
    details = details == null ? null : Plain.map(details);
  }

  public static Attempt dispatched(int number, String workerId) {
    return new Attempt(number, workerId, null, null, null, null, null);
  }

  /** The fields a report carries replace the ones it names; the others stay. */
  public Attempt reported(
      String worker, String container, String name, Integer code, Map<String, Object> det) {
    return new Attempt(
        number,
        worker != null ? worker : workerId,
        container != null ? container : containerId,
        name != null ? name : containerName,
        code != null ? code : exitCode,
        det != null ? det : details,
        stopReason);
  }

  public Attempt stopping(String reason) {
    return new Attempt(number, workerId, containerId, containerName, exitCode, details, reason);
  }
}
