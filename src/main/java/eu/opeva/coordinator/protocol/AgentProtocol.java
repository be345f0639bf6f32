package eu.opeva.coordinator.protocol;

import io.vertx.core.json.JsonObject;

/**
 * Constants of the agent protocol, shared by the coordinator and the reference agent: the paths
 * agents call and where the shared directory appears inside a job.
 */
public final class AgentProtocol {
  /** {@link NextJobRequest} to a {@link JobPayload} (200) or nothing to do (204). */
  public static final String NEXT_JOB = "/api/agent/next-job";

  /** A {@link StatusReport}; the answer is {@code {"ok": true}} or an error. */
  public static final String JOB_STATUS = "/api/agent/job-status";

  /** A {@link Heartbeat} to a {@link HeartbeatReply}. */
  public static final String HEARTBEAT = "/api/agent/heartbeat";

  /**
   * The heartbeat {@code info} field listing the jobs whose terminal report the agent has not yet
   * had answered. An agent that sends it (with {@code active_job_ids}) says it holds exactly those
   * jobs and its runs: a dispatch of an earlier coordinator life it holds in neither was lost.
   */
  public static final String UNREPORTED_JOB_IDS = "unreported_job_ids";

  /**
   * How the error of a {@code failed} report starts when the worker, not the job, ended the attempt
   * (the agent shut down while it ran, or found it left over from its earlier life): the
   * coordinator retries these as a lost worker.
   */
  public static final String AGENT_STOPPED = "agent_stopped";

  public static final String AGENT_RESTARTED = "agent_restarted";

  /**
   * The environment of a job for calling the coordinator back: its API's base URL (the agent's own
   * coordinator URL unless the coordinator names one), the job's id and its own token.
   */
  public static final String API_URL_ENV = "OPEVA_API_URL";

  public static final String JOB_ID_ENV = "OPEVA_JOB_ID";
  public static final String JOB_TOKEN_ENV = "OPEVA_JOB_TOKEN";

  /** Where the shared directory is mounted inside a job's container. */
  public static final String CONTAINER_DATA = "/data";

  /** The longest long poll a coordinator holds. */
  public static final double MAX_WAIT_SECONDS = 60;

  /** The key of the coordinator's one error shape, {@code {"detail": ...}}. */
  public static final String ERROR_DETAIL = "detail";

  private AgentProtocol() {}

  /** The detail of an error answer (a sentence or an object), or null when the body has none. */
  public static Object errorDetail(JsonObject errorBody) {
    return errorBody.getValue(ERROR_DETAIL);
  }
}
