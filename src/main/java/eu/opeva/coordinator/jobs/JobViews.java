package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.domain.JobFields.*;

import eu.opeva.coordinator.dispatch.JobPage;
import eu.opeva.coordinator.domain.Durations;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.jobstore.HistoryJson;
import eu.opeva.coordinator.jobstore.JobCodec;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The job views of {@code /jobs} and {@code /job-info}, from {@code job_info.json} and the job. */
public final class JobViews {
  static final List<String> LIFECYCLE =
      List.of(
          SUBMITTED_AT,
          QUEUED_AT,
          DISPATCHED_AT,
          STARTED_AT,
          STOP_REQUESTED_AT,
          FINISHED_AT,
          LAST_STATUS_AT);
  private static final List<String> FROM_REGISTRY =
      List.of(SUBMITTED_BY, JOB_NAME, CONFIG_PATH, TARGET_HOST, IMAGE_TAG, SCHEDULER_OPTIONS);
  static final String JOB_INFO = "job_info";
  static final String JOB_META = "job_meta";

  private final Settings config;

  public JobViews(Settings config) {
    this.config = config;
  }

  /** {@code job_info.json} enriched with MLflow links, the resolved-config flag and job fields. */
  JsonObject enrichInfo(JsonObject info, Job job, JsonObject entry) {
    return enrich(info.copy(), job, entry);
  }

  private JsonObject enrich(JsonObject out, Job job, JsonObject entry) {
    // Times as this version writes them, also in files written by others (microseconds, floats).
    for (String key : LIFECYCLE) {
      if (out.getValue(key) instanceof Number n) {
        out.put(key, EpochTime.seconds(EpochTime.parseMillis(n)));
      }
    }
    MlflowLinks.enrich(out, config.jobs().mlflowUiBaseUrl().orElse(null));
    boolean resolved = job != null && job.spec().resolvedConfig();
    out.put("resolved_config_available", resolved);
    if (resolved) {
      out.put("resolved_config_file", "config.resolved.yaml");
    }
    if (entry != null) {
      for (String key : FROM_REGISTRY) {
        if (isFalsy(out.getValue(key)) && entry.getValue(key) != null) {
          out.put(key, entry.getValue(key));
        }
      }
    }
    String image = job == null ? null : job.spec().image();
    return out.put(IMAGE, image == null ? config.jobs().defaultImage() : image);
  }

  /**
   * One element of {@code GET /jobs}, from the job as dispatch last wrote it: its info file as the
   * writer knows it (with the keys workers added, as last read) and its registry entry.
   */
  JsonObject listItem(JobPage.Listed listed, long now) {
    Job job = listed.job();
    JsonObject entry = JobCodec.trackEntry(job);
    JsonObject item =
        new JsonObject()
            .put(JOB_ID, job.jobId())
            .put(STATUS, job.status().wire())
            .put(JOB_INFO, enrich(JobCodec.infoFile(job, listed.workerKeys()), job, entry));
    // The entry holds the status document's times (they override the info's).
    LIFECYCLE.forEach(key -> item.put(key, entry.getValue(key)));
    durations(item, job, now);
    return item.put(REQUEUE_COUNT, job.requeueCount())
        .put(ATTEMPT_NUMBER, job.attemptNumber())
        .put(JOB_META, entry);
  }

  /** {@code GET /job-info}: the enriched info plus lifecycle, durations and attempts. */
  JsonObject jobInfo(JsonObject info, JsonObject entry, long now) {
    Job job = entry == null ? null : JobCodec.read(entry, entry, null);
    JsonObject out = enrichInfo(info, job, entry);
    if (job != null) {
      JsonObject status = JobCodec.statusDocument(job);
      LIFECYCLE.forEach(
          key -> {
            if (out.getValue(key) == null) {
              out.put(key, status.getValue(key));
            }
          });
      out.put(STATUS, job.status().wire())
          .put(ATTEMPT_NUMBER, job.attemptNumber())
          .put(REQUEUE_COUNT, job.requeueCount())
          .put(HISTORY, HistoryJson.toJson(job.history()));
      if (job.times().notBefore() != null) {
        out.put(NOT_BEFORE, EpochTime.seconds(job.times().notBefore()));
      }
      if (job.spec().scheduling().hasDependencies()) {
        out.put(DEPENDS_ON, new JsonArray(job.spec().scheduling().dependsOn()))
            .put(RUN_IF, job.spec().scheduling().runIf().wire());
      }
      out.put(DEPENDENTS, entry.getJsonArray(DEPENDENTS, new JsonArray()))
          .put(CHILDREN, entry.getJsonArray(CHILDREN, new JsonArray()));
      durations(out, job, now);
    }
    return out;
  }

  private static void durations(JsonObject out, Job job, long now) {
    Durations d = Durations.of(job, now);
    out.put(QUEUE_WAIT_SECONDS, seconds(d.queueWait()))
        .put(RUN_DURATION_SECONDS, seconds(d.run()))
        .put(TOTAL_DURATION_SECONDS, seconds(d.total()));
  }

  private static Object seconds(Long millis) {
    return millis == null ? null : EpochTime.durationSeconds(millis);
  }

  private static boolean isFalsy(Object v) {
    return v == null
        || (v instanceof String s && s.isEmpty())
        || Boolean.FALSE.equals(v)
        || (v instanceof JsonObject o && o.isEmpty());
  }
}
