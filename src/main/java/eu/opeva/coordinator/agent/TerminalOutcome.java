package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.agent.JobRun.Ending;
import io.vertx.core.json.JsonObject;

/** How an ended job is reported: its terminal status, exit code and diagnostic. */
final class TerminalOutcome {
  private TerminalOutcome() {}

  static String status(Ending ending, int code) {
    return switch (ending) {
      case STOP -> "stopped";
      case TIMEOUT, SHUTDOWN -> "failed";
      default -> code == 0 ? "finished" : "failed";
    };
  }

  /**
   * Completes {@code report} (already carrying job, worker, attempt and details) for this ending.
   */
  static JsonObject report(
      JsonObject report, Ending ending, int code, String tail, JobPayload job, double seconds) {
    report.put("exit_code", code);
    JsonObject details =
        report.getJsonObject("details").put("exit_code", code).put("duration_seconds", seconds);
    String error =
        switch (ending) {
          case TIMEOUT ->
              "timeout: the job exceeded its timeout_seconds ("
                  + job.resources().timeoutSeconds().orElse(0)
                  + " s) and was killed";
          case SHUTDOWN ->
              "agent_stopped: worker "
                  + report.getString("worker_id")
                  + " shut down while the job was running";
          case STOP -> null;
          default -> code == 0 ? null : "exit code " + code;
        };
    if (ending == Ending.TIMEOUT) {
      details.put("timed_out", true);
    }
    if (ending == Ending.STOP) {
      details.put("stopped_on_request", true);
    }
    if (error != null) {
      report.put(
          "error", tail == null || tail.isBlank() ? error : error + "; last output:\n" + tail);
    }
    return report;
  }
}
