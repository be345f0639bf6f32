package eu.opeva.coordinator.domain;

/**
 * The wire name of every job field: the keys of {@code job_info.json}, {@code status.json}, the
 * {@code job_track.json} entries, queue files, the agent protocol and the HTTP views. Each key is
 * spelt here and nowhere else, so a field has one name on every surface.
 */
public final class JobFields {
  // Identity and submission (job_info.json).
  public static final String JOB_ID = "job_id";
  public static final String JOB_NAME = "job_name";
  public static final String CONFIG_PATH = "config_path";
  public static final String SOURCE_CONFIG_PATH = "source_config_path";
  public static final String EXPERIMENT_NAME = "experiment_name";
  public static final String RUN_NAME = "run_name";
  public static final String SUBMITTED_BY = "submitted_by";
  public static final String IMAGE = "image";
  public static final String IMAGE_TAG = "image_tag";
  public static final String SCHEDULER_OPTIONS = "deucalion_options";
  public static final String RESOURCES = "resources";
  public static final String EXTRA_ARGS = "extra_args";
  public static final String RESOLVED_CONFIG = "resolved_config";
  public static final String CONFIG_SNAPSHOT = "config_snapshot";
  public static final String CONFIG_SNAPSHOT_FILE = "config_snapshot_file";
  public static final String RERUN_OF = "rerun_of";
  public static final String RERUNS = "reruns";
  public static final String SUBMISSION_SEQ = "submission_seq";

  // Scheduling (job_info.json), and what it leads to (status.json).
  public static final String PRIORITY = "priority";
  public static final String DEPENDS_ON = "depends_on";
  public static final String RUN_IF = "run_if";
  public static final String DEPENDENTS = "dependents";
  public static final String PARENT_JOB_ID = "parent_job_id";
  public static final String CHILDREN = "children";
  public static final String SCHEDULE_ID = "schedule_id";
  public static final String SCHEDULED_FOR = "scheduled_for";
  public static final String IDEMPOTENCY = "idempotency";
  public static final String DEPENDENCY = "dependency";
  public static final String RETRY = "retry";
  public static final String MAX_ATTEMPTS = "max_attempts";
  public static final String BACKOFF_SECONDS = "backoff_seconds";
  public static final String MAX_BACKOFF_SECONDS = "max_backoff_seconds";
  public static final String ON = "on";
  public static final String EXIT_CODES = "exit_codes";
  public static final String NOT_BEFORE = "not_before";
  public static final String PIPELINE_ID = "pipeline_id";
  public static final String PIPELINE_KEY = "pipeline_key";

  // Resources.
  public static final String CPUS = "cpus";
  public static final String MEMORY_MB = "memory_mb";
  public static final String TIMEOUT_SECONDS = "timeout_seconds";
  public static final String GPUS = "gpus";

  // State (status.json).
  public static final String STATUS = "status";
  public static final String VERSION = "version";
  public static final String PREFERRED_HOST = "preferred_host";
  public static final String REQUIRE_HOST = "require_host";
  public static final String TARGET_HOST = "target_host";
  public static final String ATTEMPT = "attempt";
  public static final String ATTEMPT_NUMBER = "attempt_number";
  public static final String REQUEUE_COUNT = "requeue_count";
  public static final String WORKER_ID = "worker_id";
  public static final String CONTAINER_ID = "container_id";
  public static final String CONTAINER_NAME = "container_name";
  public static final String EXIT_CODE = "exit_code";
  public static final String ERROR = "error";
  public static final String DETAILS = "details";
  public static final String STOP_REASON = "stop_reason";
  public static final String REQUEUED_FROM = "requeued_from";
  public static final String LAST_HOST = "last_host";
  public static final String FORCE = "force";
  public static final String OPS_ACTION = "ops_action";
  public static final String OPS_BY = "ops_by";
  public static final String OPS_REASON = "ops_reason";
  public static final String OPS_AT = "ops_at";
  public static final String HISTORY = "history";

  // Lifecycle times (epoch seconds with millisecond precision).
  public static final String SUBMITTED_AT = "submitted_at";
  public static final String QUEUED_AT = "queued_at";
  public static final String DISPATCHED_AT = "dispatched_at";
  public static final String STARTED_AT = "started_at";
  public static final String STOP_REQUESTED_AT = "stop_requested_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String ENDED_AT = "ended_at";
  public static final String STATUS_UPDATED_AT = "status_updated_at";
  public static final String LAST_STATUS_AT = "last_status_at";
  public static final String REASON = "reason";

  // Durations in the job views (seconds, millisecond precision).
  public static final String QUEUE_WAIT_SECONDS = "queue_wait_seconds";
  public static final String RUN_DURATION_SECONDS = "run_duration_seconds";
  public static final String TOTAL_DURATION_SECONDS = "total_duration_seconds";

  // Queue files.
  public static final String ENQUEUED_AT = "enqueued_at";

  private JobFields() {}
}
