package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.DISPATCHED_AT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.LAST_STATUS_AT;
import static eu.opeva.coordinator.domain.JobFields.STATUS;
import static eu.opeva.coordinator.domain.JobFields.STATUS_UPDATED_AT;
import static eu.opeva.coordinator.domain.JobFields.VERSION;
import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import eu.opeva.coordinator.domain.ActiveJob;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reply of {@link DispatchAddresses#ACTIVE}: the active jobs of every host, as JSON. */
public final class ActiveJobs {
  static final String PROFILE = "profile";
  static final String SLURM_STATE = "slurm_state";

  private ActiveJobs() {}

  static JsonObject toJson(Map<String, List<ActiveJob>> byHost) {
    JsonObject out = new JsonObject();
    byHost.forEach(
        (host, jobs) -> {
          JsonArray list = new JsonArray();
          jobs.forEach(j -> list.add(toJson(j)));
          out.put(host, list);
        });
    return out;
  }

  static JsonObject toJson(ActiveJob j) {
    JsonObject json =
        new JsonObject()
            .put(JOB_ID, j.jobId())
            .put(STATUS, j.status().wire())
            .put(ATTEMPT, j.attempt())
            .put(VERSION, j.version())
            .put(PROFILE, j.profile())
            .put(WORKER_ID, j.workerId())
            .put(STATUS_UPDATED_AT, EpochTime.seconds(j.statusUpdatedAt()))
            .put(LAST_STATUS_AT, EpochTime.seconds(j.lastStatusAt()))
            .put(SLURM_STATE, j.slurmState());
    if (j.dispatchedAt() != null) {
      json.put(DISPATCHED_AT, EpochTime.seconds(j.dispatchedAt()));
    }
    return json;
  }

  /** Host to its active jobs, in the order dispatch listed them. */
  public static Map<String, List<ActiveJob>> fromJson(JsonObject json) {
    Map<String, List<ActiveJob>> out = new LinkedHashMap<>();
    for (String host : json.fieldNames()) {
      List<ActiveJob> jobs = new ArrayList<>();
      for (Object o : json.getJsonArray(host)) {
        JsonObject j = (JsonObject) o;
        jobs.add(
            new ActiveJob(
                j.getString(JOB_ID),
                JobStatus.parse(j.getString(STATUS)).orElse(JobStatus.UNKNOWN),
                j.getInteger(ATTEMPT),
                j.getLong(VERSION),
                j.getString(PROFILE),
                j.getString(WORKER_ID),
                host,
                EpochTime.parseMillis(j.getValue(STATUS_UPDATED_AT)),
                EpochTime.parseMillis(j.getValue(LAST_STATUS_AT)),
                EpochTime.parseMillis(j.getValue(DISPATCHED_AT)),
                j.getString(SLURM_STATE)));
      }
      out.put(host, jobs);
    }
    return out;
  }
}
