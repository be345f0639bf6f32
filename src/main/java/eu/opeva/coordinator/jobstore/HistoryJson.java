package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.DISPATCHED_AT;
import static eu.opeva.coordinator.domain.JobFields.ENDED_AT;
import static eu.opeva.coordinator.domain.JobFields.EXIT_CODE;
import static eu.opeva.coordinator.domain.JobFields.REASON;
import static eu.opeva.coordinator.domain.JobFields.STARTED_AT;
import static eu.opeva.coordinator.domain.JobFields.STATUS;
import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import eu.opeva.coordinator.domain.AttemptRecord;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A job's history of attempts as JSON: {@code [{attempt, worker_id, dispatched_at, ...}]}. */
public final class HistoryJson {
  private HistoryJson() {}

  public static JsonArray toJson(List<AttemptRecord> history) {
    JsonArray out = new JsonArray();
    for (AttemptRecord r : history) {
      JsonObject json = new JsonObject().put(ATTEMPT, r.attempt()).put(WORKER_ID, r.workerId());
      JobCodec.time(json, DISPATCHED_AT, r.dispatchedAt());
      JobCodec.time(json, STARTED_AT, r.startedAt());
      JobCodec.time(json, ENDED_AT, r.endedAt());
      json.put(STATUS, r.status().wire()).put(REASON, r.reason()).put(EXIT_CODE, r.exitCode());
      out.add(json);
    }
    return out;
  }

  static List<AttemptRecord> read(JsonArray json) {
    List<AttemptRecord> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    for (Object o : json) {
      if (o instanceof JsonObject r && r.getInteger(ATTEMPT) != null) {
        out.add(
            new AttemptRecord(
                r.getInteger(ATTEMPT),
                r.getString(WORKER_ID),
                EpochTime.parseMillis(r.getValue(DISPATCHED_AT)),
                EpochTime.parseMillis(r.getValue(STARTED_AT)),
                JobCodec.millisOr(r.getValue(ENDED_AT), 0),
                JobStatus.parse(r.getString(STATUS)).orElse(JobStatus.UNKNOWN),
                r.getString(REASON),
                r.getInteger(EXIT_CODE)));
      }
    }
    return out;
  }
}
