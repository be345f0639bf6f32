package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.*;

import eu.opeva.coordinator.domain.StatusNote.Mark;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every key the codec writes: what a status file holds beyond them is kept as the job's extra. */
final class KnownKeys {
  private KnownKeys() {}

  static final Set<String> ALL = new HashSet<>();

  static {
    ALL.addAll(
        List.of(
            JOB_ID,
            STATUS,
            VERSION,
            WORKER_ID,
            CONTAINER_ID,
            CONTAINER_NAME,
            EXIT_CODE,
            DETAILS,
            TARGET_HOST,
            PREFERRED_HOST,
            REQUIRE_HOST,
            SUBMITTED_AT,
            QUEUED_AT,
            DISPATCHED_AT,
            STARTED_AT,
            STOP_REQUESTED_AT,
            FINISHED_AT,
            REQUEUE_COUNT,
            ATTEMPT_NUMBER,
            ATTEMPT,
            ERROR,
            STOP_REASON,
            REQUEUED_FROM,
            LAST_HOST,
            FORCE,
            OPS_ACTION,
            OPS_BY,
            OPS_REASON,
            OPS_AT,
            STATUS_UPDATED_AT,
            LAST_STATUS_AT,
            HISTORY));
    // A track entry holds the info's keys too.
    ALL.addAll(
        List.of(
            JOB_NAME,
            CONFIG_PATH,
            EXPERIMENT_NAME,
            RUN_NAME,
            CONFIG_SNAPSHOT_FILE,
            SUBMITTED_BY,
            IMAGE_TAG,
            IMAGE,
            SCHEDULER_OPTIONS,
            RERUN_OF,
            RERUNS,
            RESOURCES,
            EXTRA_ARGS,
            SUBMISSION_SEQ,
            PRIORITY,
            RETRY,
            DEPENDS_ON,
            DEPENDENTS,
            PARENT_JOB_ID,
            CHILDREN,
            SCHEDULE_ID,
            SCHEDULED_FOR,
            IDEMPOTENCY,
            RUN_IF,
            PIPELINE_ID,
            PIPELINE_KEY,
            NOT_BEFORE,
            RESOLVED_CONFIG,
            CONFIG_SNAPSHOT));
    for (Mark m : Mark.values()) {
      ALL.add(m.wire());
    }
  }
}
