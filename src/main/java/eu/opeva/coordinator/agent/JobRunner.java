package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.protocol.JobPayload;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs jobs one way (a local process, or a container through the Docker CLI). */
interface JobRunner {
  /** {@code process} or {@code docker}; reported as the worker's executor. */
  String name();

  /** The command that runs the job from its folder {@code jobDir}. Pure: no I/O. */
  LaunchPlan plan(JobPayload job, Path jobDir);

  /**
   * Blocking: starts the planned job, its output appended to {@code log}; {@code grace} is the time
   * between SIGTERM and SIGKILL. By default the plan's command as it is.
   */
  default Process spawn(JobPayload job, LaunchPlan plan, Path log, Duration grace)
      throws IOException {
    return JobProcess.spawn(plan.command(), plan, log, false);
  }

  /** Whether {@link #spawn} starts the job through the {@link JobWrapper}. */
  default boolean wrapped() {
    return false;
  }

  /** Asks the job to end: SIGTERM (or {@code docker stop}), then a forced kill after the grace. */
  Future<Void> terminate(JobProcess process, Duration grace);

  /** Ends the job at once. */
  Future<Void> kill(JobProcess process);

  /** The {@code container_id} to report while the job runs, if this runner has one. */
  String containerId(JobProcess process);
}
