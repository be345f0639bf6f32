package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobFields;
import io.vertx.core.json.JsonObject;

/**
 * What comes with a submission besides its body, from the caller rather than the request's fields:
 * the {@code Idempotency-Key} header, the job that submits it (a job's own token), and the schedule
 * run it is (the scheduler). Any may be null.
 */
public record SubmitContext(
    String idempotencyKey, String parentJobId, String scheduleId, Long scheduledFor) {

  public static final SubmitContext NONE = new SubmitContext(null, null, null, null);

  static final String BODY = "body";
  static final String CONTEXT = "context";
  private static final String KEY = "idempotency_key";
  private static final String PARENT = JobFields.PARENT_JOB_ID;
  private static final String SCHEDULE = JobFields.SCHEDULE_ID;
  private static final String SCHEDULED_FOR = "scheduled_for_ms";

  public static SubmitContext withKey(String idempotencyKey) {
    return new SubmitContext(idempotencyKey, null, null, null);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put(KEY, idempotencyKey)
        .put(PARENT, parentJobId)
        .put(SCHEDULE, scheduleId)
        .put(SCHEDULED_FOR, scheduledFor);
  }

  static SubmitContext fromJson(JsonObject json) {
    return json == null
        ? NONE
        : new SubmitContext(
            json.getString(KEY),
            json.getString(PARENT),
            json.getString(SCHEDULE),
            json.getLong(SCHEDULED_FOR));
  }

  /** A submission message: {@code {body, context}}. */
  static JsonObject message(JsonObject body, SubmitContext context) {
    return new JsonObject().put(BODY, body).put(CONTEXT, context.toJson());
  }
}
