package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.json.JsonObject;

/**
 * One live run on this host, as kept in {@code <state-dir>/runs/<job_id>-<attempt>.json} from the
 * start of its process (or container) until it ended and its terminal report was spooled. A record
 * found when an agent starts is a run of an earlier life of the agent (a {@link Leftovers}).
 *
 * @param attempt null for a coordinator without attempts (written as 0 in the file name)
 * @param pid the process the agent started: the job's {@link JobWrapper}, or the Docker CLI
 * @param startedAtMillis when the agent saw the process start
 */
record RunRecord(
    String jobId,
    Integer attempt,
    long pid,
    String containerName,
    String runner,
    long startedAtMillis) {
  static final String JOB_ID = JobFields.JOB_ID;
  static final String ATTEMPT = JobFields.ATTEMPT;
  static final String PID = "pid";
  static final String CONTAINER_NAME = JobFields.CONTAINER_NAME;
  static final String RUNNER = "runner";
  static final String STARTED_AT = "started_at";

  /** The file name of a job's attempt, in the run records and the report spool alike. */
  static String fileName(String jobId, Integer attempt) {
    return jobId + "-" + (attempt == null ? 0 : attempt) + ".json";
  }

  String fileName() {
    return fileName(jobId, attempt);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put(JOB_ID, jobId)
        .put(ATTEMPT, attempt)
        .put(PID, pid)
        .put(CONTAINER_NAME, containerName)
        .put(RUNNER, runner)
        .put(STARTED_AT, EpochTime.seconds(startedAtMillis));
  }

  /** A record read back; null when the JSON is not one (a job id that is not safe included). */
  static RunRecord fromJson(JsonObject json) {
    try {
      String jobId = json.getString(JOB_ID);
      Number pid = json.getNumber(PID);
      if (!SafeNames.isJobId(jobId) || pid == null) {
        return null;
      }
      Number attempt = json.getNumber(ATTEMPT);
      Long started = EpochTime.parseMillis(json.getValue(STARTED_AT));
      return new RunRecord(
          jobId,
          attempt == null ? null : attempt.intValue(),
          pid.longValue(),
          json.getString(CONTAINER_NAME),
          json.getString(RUNNER),
          started == null ? 0 : started);
    } catch (ClassCastException e) {
      return null;
    }
  }
}
