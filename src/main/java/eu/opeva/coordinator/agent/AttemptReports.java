package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The status reports of one attempt of a job. Every report carries the job, this worker, the
 * attempt, the container name and the agent's details: executor, hostname, the limits the runner
 * enforces and, once the job runs, its pid and container id.
 */
final class AttemptReports {
  // Keys of the agent's own details.
  private static final String EXECUTOR = "executor";
  private static final String HOSTNAME = "hostname";
  private static final String LIMITS = "limits";
  private static final String PID = "pid";

  private final AgentServices s;
  private final JobPayload job;

  AttemptReports(AgentServices services, JobPayload job) {
    this.s = services;
    this.job = job;
  }

  /** A report of {@code status}; {@code plan} and {@code process} are null before they exist. */
  StatusReport of(JobStatus status, LaunchPlan plan, JobProcess process) {
    JsonObject details =
        new JsonObject()
            .put(EXECUTOR, s.runner().name())
            .put(HOSTNAME, s.hostname())
            .put(LIMITS, new JsonObject(plan == null ? Map.of() : plan.limits()));
    String containerId = null;
    if (process != null) {
      details.put(PID, process.pid());
      containerId = s.runner().containerId(process);
    }
    return new StatusReport(
        job.jobId(),
        status,
        s.settings().workerId(),
        job.attempt(),
        containerId,
        job.containerName(),
        null,
        null,
        details);
  }

  /** The job could not be started (no plan, or the process did not start). */
  StatusReport notStarted(Throwable cause, LaunchPlan plan) {
    return of(JobStatus.FAILED, plan, null)
        .withOutcome(JobStatus.FAILED, null, "could not start the job: " + cause);
  }

  /** How the job ended; {@code tail} is its last output. */
  StatusReport ended(
      JobEnding ending, int code, String tail, double seconds, LaunchPlan plan, JobProcess p) {
    StatusReport base = of(TerminalOutcome.status(ending, code), plan, p);
    return TerminalOutcome.report(base, ending, code, tail, job, seconds);
  }
}
