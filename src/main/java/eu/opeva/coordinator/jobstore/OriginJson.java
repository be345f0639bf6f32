package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.IDEMPOTENCY;
import static eu.opeva.coordinator.domain.JobFields.PARENT_JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.SCHEDULED_FOR;
import static eu.opeva.coordinator.domain.JobFields.SCHEDULE_ID;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobOrigin;
import io.vertx.core.json.JsonObject;

/** How a job came to be ({@link JobOrigin}) in its {@code job_info.json}. */
public final class OriginJson {
  static final String KEY = "key";
  static final String DIGEST = "digest";
  static final String ANSWER = "answer";

  private OriginJson() {}

  static void write(JsonObject info, JobOrigin o) {
    JobCodec.put(info, PARENT_JOB_ID, o.parentJobId());
    JobCodec.put(info, SCHEDULE_ID, o.scheduleId());
    JobCodec.time(info, SCHEDULED_FOR, o.scheduledFor());
    if (o.idempotency() != null) {
      info.put(IDEMPOTENCY, idempotency(o.idempotency()));
    }
  }

  static JobOrigin read(JsonObject info) {
    return new JobOrigin(
        JobCodec.blankToNull(info.getString(PARENT_JOB_ID)),
        JobCodec.blankToNull(info.getString(SCHEDULE_ID)),
        EpochTime.parseMillis(info.getValue(SCHEDULED_FOR)),
        info.getValue(IDEMPOTENCY) instanceof JsonObject i ? idempotency(i) : null);
  }

  public static JsonObject idempotency(JobOrigin.Idempotency i) {
    return new JsonObject()
        .put(KEY, i.key())
        .put(DIGEST, i.digest())
        .put(ANSWER, JsonPlain.json(i.answer()));
  }

  public static JobOrigin.Idempotency idempotency(JsonObject json) {
    Object answer = json.getValue(ANSWER);
    return new JobOrigin.Idempotency(
        json.getString(KEY),
        json.getString(DIGEST),
        answer instanceof JsonObject a ? JsonPlain.map(a) : null);
  }
}
