package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.jobstore.OriginJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between schedules and {@code schedules/<id>.json}. Times are epoch seconds with
 * three decimals, as in the job files, so what is written reads back identically.
 */
final class ScheduleJson {
  static final String SCHEDULE_ID = JobFields.SCHEDULE_ID;
  static final String CREATED_BY = "created_by";
  static final String CREATED_AT = "created_at";
  static final String UPDATED_AT = "updated_at";
  static final String CURSOR = "cursor";
  static final String RUNS = "runs";
  static final String IDEMPOTENCY = JobFields.IDEMPOTENCY;
  static final String VERSION = "version";
  static final String SCHEDULED_FOR = JobFields.SCHEDULED_FOR;
  static final String TRIGGER = "trigger";
  static final String STATE = "state";
  static final String JOB_ID = JobFields.JOB_ID;
  static final String PIPELINE_ID = JobFields.PIPELINE_ID;
  static final String DETAIL = "detail";
  static final String FAILURE_STATUS = "failure_status";
  static final String MISSED_FROM = "missed_from";
  static final String CANCELED = "canceled";
  static final String RECORDED_AT = "recorded_at";
  static final String SUBMITTED_AT = "submitted_at";
  static final String ATTEMPTS = "attempts";
  static final String RETRY_AT = "retry_at";
  static final String OUTCOME = "outcome";

  private ScheduleJson() {}

  /** The definition and state of a schedule, without its runs. */
  static JsonObject definition(Schedule s) {
    return new JsonObject()
        .put(SCHEDULE_ID, s.id())
        .put(ScheduleRequest.NAME, s.name())
        .put(ScheduleRequest.CRON, s.cron())
        .put(ScheduleRequest.TIMEZONE, s.timezone())
        .put(s.target().kind(), s.target().body().copy())
        .put(ScheduleRequest.OVERLAP, s.overlap().wire())
        .put(ScheduleRequest.CATCHUP, s.catchup().wire())
        .put(ScheduleRequest.ENABLED, s.enabled())
        .put(CREATED_BY, s.createdBy())
        .put(CREATED_AT, EpochTime.seconds(s.createdAt()))
        .put(UPDATED_AT, EpochTime.seconds(s.updatedAt()));
  }

  static JsonObject toFile(Schedule s) {
    JsonArray runs = new JsonArray();
    s.runs().forEach(r -> runs.add(run(r)));
    JsonObject json =
        definition(s)
            .put(CURSOR, EpochTime.seconds(s.cursor()))
            .put(RUNS, runs)
            .put(VERSION, s.version());
    if (s.idempotency() != null) {
      json.put(IDEMPOTENCY, OriginJson.idempotency(s.idempotency()));
    }
    return json;
  }

  static Schedule fromFile(JsonObject json) {
    boolean pipeline = json.getValue(ScheduleRequest.PIPELINE) instanceof JsonObject;
    List<ScheduleRun> runs = new ArrayList<>();
    JsonArray list = json.getJsonArray(RUNS, new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      runs.add(run(list.getJsonObject(i)));
    }
    JobOrigin.Idempotency key =
        json.getValue(IDEMPOTENCY) instanceof JsonObject i ? OriginJson.idempotency(i) : null;
    return new Schedule(
        json.getString(SCHEDULE_ID),
        json.getString(ScheduleRequest.NAME),
        json.getString(ScheduleRequest.CRON),
        json.getString(ScheduleRequest.TIMEZONE, "UTC"),
        new Schedule.Target(
            pipeline,
            json.getJsonObject(pipeline ? ScheduleRequest.PIPELINE : ScheduleRequest.JOB)),
        Schedule.Overlap.parse(json.getString(ScheduleRequest.OVERLAP)),
        Schedule.Catchup.parse(json.getString(ScheduleRequest.CATCHUP)),
        json.getBoolean(ScheduleRequest.ENABLED, true),
        json.getString(CREATED_BY),
        millis(json, CREATED_AT),
        millis(json, UPDATED_AT),
        millis(json, CURSOR),
        runs,
        key,
        json.getLong(VERSION, 0L));
  }

  static JsonObject run(ScheduleRun r) {
    JsonObject json =
        new JsonObject()
            .put(SCHEDULED_FOR, EpochTime.seconds(r.scheduledFor()))
            .put(TRIGGER, r.trigger().wire())
            .put(STATE, r.state().wire());
    put(json, JOB_ID, r.jobId());
    put(json, PIPELINE_ID, r.pipelineId());
    put(json, DETAIL, r.detail());
    put(json, FAILURE_STATUS, r.failureStatus());
    time(json, MISSED_FROM, r.missedFrom());
    if (!r.canceled().isEmpty()) {
      json.put(CANCELED, new JsonArray(new ArrayList<Object>(r.canceled())));
    }
    json.put(RECORDED_AT, EpochTime.seconds(r.recordedAt()));
    time(json, SUBMITTED_AT, r.submittedAt());
    json.put(ATTEMPTS, r.attempts());
    time(json, RETRY_AT, r.retryAt());
    put(json, OUTCOME, r.outcome());
    return json;
  }

  static ScheduleRun run(JsonObject json) {
    List<String> canceled = new ArrayList<>();
    json.getJsonArray(CANCELED, new JsonArray()).forEach(id -> canceled.add(String.valueOf(id)));
    return new ScheduleRun(
        millis(json, SCHEDULED_FOR),
        ScheduleRun.Trigger.parse(json.getString(TRIGGER, "cron")),
        ScheduleRun.State.parse(json.getString(STATE, "failed")),
        json.getString(JOB_ID),
        json.getString(PIPELINE_ID),
        json.getString(DETAIL),
        json.getInteger(FAILURE_STATUS),
        EpochTime.parseMillis(json.getValue(MISSED_FROM)),
        canceled,
        millis(json, RECORDED_AT),
        EpochTime.parseMillis(json.getValue(SUBMITTED_AT)),
        json.getInteger(ATTEMPTS, 0),
        EpochTime.parseMillis(json.getValue(RETRY_AT)),
        json.getString(OUTCOME));
  }

  /**
   * A creation's answer with its times as epoch seconds with three decimals again: an answer kept
   * for an idempotency key is read back from the file with its times as plain doubles.
   */
  static JsonObject restoreTimes(JsonObject answer) {
    for (String key :
        new String[] {
          CREATED_AT, UPDATED_AT, ScheduleViews.NEXT_RUN_AT, ScheduleViews.LAST_RUN_AT
        }) {
      if (answer.getValue(key) instanceof Number) {
        answer.put(key, EpochTime.seconds(millis(answer, key)));
      }
    }
    return answer;
  }

  private static long millis(JsonObject json, String key) {
    Long v = EpochTime.parseMillis(json.getValue(key));
    return v == null ? 0 : v;
  }

  private static void put(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private static void time(JsonObject json, String key, Long millis) {
    if (millis != null) {
      json.put(key, EpochTime.seconds(millis));
    }
  }
}
