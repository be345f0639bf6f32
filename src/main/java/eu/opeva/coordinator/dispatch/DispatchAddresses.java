package eu.opeva.coordinator.dispatch;

/** Event-bus addresses of the dispatch verticle (request/reply, JSON bodies). */
public final class DispatchAddresses {
  /** Submit a job: the validated {@code /run-simulation} body. */
  public static final String SUBMIT = "opeva.dispatch.submit";

  /** Pipelines: create (the request body), list {@code {offset, limit}}, get, cancel, re-run. */
  public static final String PIPELINE_CREATE = "opeva.dispatch.pipeline-create";

  public static final String PIPELINE_LIST = "opeva.dispatch.pipeline-list";
  public static final String PIPELINE_GET = "opeva.dispatch.pipeline-get";
  public static final String PIPELINE_CANCEL = "opeva.dispatch.pipeline-cancel";

  /** {@code {pipeline_id, body: {jobs, force}}}. */
  public static final String PIPELINE_RERUN = "opeva.dispatch.pipeline-rerun";

  /** Re-run an ended job: {@code {job_id, body: {target_host?, submitted_by?}}}. */
  public static final String RERUN = "opeva.dispatch.rerun";

  /**
   * Next job for a worker: {@code {worker_id, wait_seconds, wait_id}} to {@code {job}} or {@code
   * {}}.
   */
  public static final String NEXT_JOB = "opeva.dispatch.next-job";

  /** Stop holding a long poll: {@code {wait_id}}. */
  public static final String CANCEL_WAIT = "opeva.dispatch.cancel-wait";

  /** A dispatched payload never reached its worker: {@code {job_id, attempt}}. */
  public static final String UNDELIVERABLE = "opeva.dispatch.undeliverable";

  /** An agent's status report (the {@code /api/agent/job-status} body). */
  public static final String REPORT = "opeva.dispatch.report";

  public static final String STOP = "opeva.dispatch.stop";

  /** Operator actions: {@code {action: requeue|fail|cancel|stop, job_id, body}}. */
  public static final String OPS_JOB = "opeva.dispatch.ops-job";

  /** Operator cleanups: {@code {action: queue|jobs, body}}. */
  public static final String OPS_CLEANUP = "opeva.dispatch.ops-cleanup";

  public static final String DELETE = "opeva.dispatch.delete";

  /** A monitor decision: {@code {job_id, status, attempt, action: requeue|fail, extras}}. */
  public static final String RECOVER = "opeva.dispatch.recover";

  public static final String STATUS = "opeva.dispatch.status";

  /** A job's registry entry with {@code dependents}. */
  public static final String JOB = "opeva.dispatch.job";

  /** What dispatch knows of why a job is not running: {@link WhyFacts}. */
  public static final String WHY = "opeva.dispatch.why";

  public static final String JOBS = "opeva.dispatch.jobs";
  public static final String QUEUE = "opeva.dispatch.queue";
  public static final String ACTIVE = "opeva.dispatch.active";
  public static final String STOP_REQUESTS = "opeva.dispatch.stop-requests";

  /** Shutdown step: refuse new work and answer every waiting poll with "no job". */
  public static final String DRAIN = "opeva.dispatch.drain";

  /** Counters: {@code {jobs, queued, waiting_polls}}. */
  public static final String STATS = "opeva.dispatch.stats";

  /** Published fact after every transition: {@code {job_id, status, attempt, worker_id}}. */
  public static final String STATUS_CHANGED = "opeva.job.status-changed";

  private DispatchAddresses() {}
}
