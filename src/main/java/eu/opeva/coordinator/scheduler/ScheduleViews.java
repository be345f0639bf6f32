package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.domain.EpochTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Schedules as the API shows them: the definition, {@code next_run_at} (and as a wall-clock time in
 * the schedule's zone, {@code next_run_local}), {@code last_run_at} (the planned time of the latest
 * run that started or tried to) and the recent runs, newest first, each with its job's or
 * pipeline's status.
 */
final class ScheduleViews {
  static final String NEXT_RUN_AT = "next_run_at";
  static final String NEXT_RUN_LOCAL = "next_run_local";
  static final String LAST_RUN_AT = "last_run_at";
  static final String LAST_RUN = "last_run";
  static final String SCHEDULED_FOR_LOCAL = "scheduled_for_local";
  static final String STATUS = "status";

  private ScheduleViews() {}

  /** Without the runs, with the latest one (listings). */
  static JsonObject summary(Schedule s, Cron cron, long now) {
    JsonObject view = times(ScheduleJson.definition(s), s, cron, now);
    List<ScheduleRun> runs = s.runs();
    view.put(LAST_RUN, runs.isEmpty() ? null : run(runs.get(runs.size() - 1), cron, null));
    return view;
  }

  /** With every recent run; {@code live}: statuses read just now, by job or pipeline id. */
  static JsonObject full(Schedule s, Cron cron, long now, Map<String, String> live) {
    JsonObject view = times(ScheduleJson.definition(s), s, cron, now);
    JsonArray runs = new JsonArray();
    List<ScheduleRun> all = s.runs();
    for (int i = all.size() - 1; i >= 0; i--) {
      ScheduleRun r = all.get(i);
      runs.add(run(r, cron, r.created() == null ? null : live.get(r.created())));
    }
    return view.put(ScheduleJson.RUNS, runs);
  }

  static JsonObject run(ScheduleRun r, Cron cron, String live) {
    JsonObject json = ScheduleJson.run(r);
    json.put(SCHEDULED_FOR_LOCAL, cron.local(r.scheduledFor()));
    String status = live != null ? live : r.outcome();
    if (status != null) {
      json.put(STATUS, status);
    }
    return json;
  }

  private static JsonObject times(JsonObject view, Schedule s, Cron cron, long now) {
    Long next = s.enabled() ? cron.next(Math.max(s.cursor(), now)).orElse(null) : null;
    view.put(NEXT_RUN_AT, next == null ? null : EpochTime.seconds(next));
    view.put(NEXT_RUN_LOCAL, next == null ? null : cron.local(next));
    view.put(
        LAST_RUN_AT,
        s.lastAttempt().map(r -> (Object) EpochTime.seconds(r.scheduledFor())).orElse(null));
    return view;
  }
}
