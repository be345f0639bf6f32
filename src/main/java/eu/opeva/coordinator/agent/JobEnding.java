package eu.opeva.coordinator.agent;

/** Why a job is ending, when the agent ends it ({@code NONE}: it ends on its own). */
enum JobEnding {
  NONE,
  /** A stop request: the job is {@code stopped}. */
  STOP,
  /** Over its {@code timeout_seconds}: {@code failed}. */
  TIMEOUT,
  /** The agent shuts down: {@code failed}. */
  SHUTDOWN,
  /** The job is no longer this worker's: killed, nothing reported. */
  DROP
}
