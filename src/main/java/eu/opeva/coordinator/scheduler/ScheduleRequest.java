package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.JobFields;
import io.vertx.core.json.JsonObject;

/**
 * A {@code POST /schedules} or {@code PUT /schedules/{id}} body, validated by the contract and read
 * here: the defaults filled in, exactly one of {@code job} and {@code pipeline}, and the submitter
 * (the signed-in user, {@code submitted_by}) written into what the runs submit.
 */
public record ScheduleRequest(
    String name,
    String cron,
    String timezone,
    Schedule.Target target,
    Schedule.Overlap overlap,
    Schedule.Catchup catchup,
    boolean enabled,
    String submittedBy) {

  static final String NAME = "name";
  static final String CRON = "cron";
  static final String TIMEZONE = "timezone";
  static final String JOB = "job";
  static final String PIPELINE = "pipeline";
  static final String OVERLAP = "overlap";
  static final String CATCHUP = "catchup";
  static final String ENABLED = "enabled";

  public static ScheduleRequest of(JsonObject body) {
    JsonObject job = body.getJsonObject(JOB);
    JsonObject pipeline = body.getJsonObject(PIPELINE);
    if ((job == null) == (pipeline == null)) {
      throw ApiFailure.badRequest(
          job == null
              ? "Give what the schedule runs: job (a /run-simulation body) or pipeline (a /pipelines"
                  + " body)"
              : "Give either job or pipeline, not both");
    }
    String submitter = blankToNull(body.getString(JobFields.SUBMITTED_BY));
    JsonObject runs = (job != null ? job : pipeline).copy();
    if (submitter != null) {
      runs.put(JobFields.SUBMITTED_BY, submitter);
    } else {
      submitter = blankToNull(runs.getString(JobFields.SUBMITTED_BY));
    }
    String timezone = body.getString(TIMEZONE);
    Boolean enabled = body.getBoolean(ENABLED);
    return new ScheduleRequest(
        body.getString(NAME),
        body.getString(CRON, "").trim().replaceAll("\\s+", " "),
        timezone == null ? "UTC" : timezone,
        new Schedule.Target(pipeline != null, runs),
        Schedule.Overlap.parse(body.getString(OVERLAP)),
        Schedule.Catchup.parse(body.getString(CATCHUP)),
        enabled == null || enabled,
        submitter);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
