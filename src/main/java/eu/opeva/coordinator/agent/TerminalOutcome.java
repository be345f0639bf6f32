package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** How an ended job is reported: its terminal status, exit code and diagnostic. */
final class TerminalOutcome {
  // Keys of the agent's own details.
  private static final String DURATION_SECONDS = "duration_seconds";
  private static final String TIMED_OUT = "timed_out";
  private static final String STOPPED_ON_REQUEST = "stopped_on_request";

  private TerminalOutcome() {}

  static JobStatus status(JobEnding ending, int code) {
    return switch (ending) {
      case STOP -> JobStatus.STOPPED;
      case TIMEOUT, SHUTDOWN -> JobStatus.FAILED;
      default -> code == 0 ? JobStatus.FINISHED : JobStatus.FAILED;
    };
  }

  /**
   * The terminal report for this ending, from {@code base} (a report of the attempt carrying the
   * job, worker, attempt, container and details); {@code tail} is the job's last output.
   */
  static StatusReport report(
      StatusReport base, JobEnding ending, int code, String tail, JobPayload job, double seconds) {
    JsonObject details =
        base.details().copy().put(JobFields.EXIT_CODE, code).put(DURATION_SECONDS, seconds);
    String error =
        switch (ending) {
          case TIMEOUT ->
              "timeout: the job exceeded its timeout_seconds ("
                  + Objects.requireNonNullElse(job.resources().timeoutSeconds(), 0)
                  + " s) and was killed";
          case SHUTDOWN ->
              AgentProtocol.AGENT_STOPPED
                  + ": worker "
                  + base.workerId()
                  + " shut down while the job was running";
          case STOP -> null;
          default -> code == 0 ? null : "exit code " + code;
        };
    if (ending == JobEnding.TIMEOUT) {
      details.put(TIMED_OUT, true);
    }
    if (ending == JobEnding.STOP) {
      details.put(STOPPED_ON_REQUEST, true);
    }
    if (error != null && tail != null && !tail.isBlank()) {
      error = error + "; last output:\n" + tail;
    }
    return new StatusReport(
        base.jobId(),
        status(ending, code),
        base.workerId(),
        base.attempt(),
        base.containerId(),
        base.containerName(),
        code,
        error,
        details);
  }
}
