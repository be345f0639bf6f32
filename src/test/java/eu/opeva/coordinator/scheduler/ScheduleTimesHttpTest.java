package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schedules fire at their planned times, read from the injected clock")
class ScheduleTimesHttpTest extends CoordinatorHttpTest {
  private ScheduleTesting schedules;

  @BeforeEach
  void driver() {
    schedules = new ScheduleTesting(tc);
  }

  @Test
  @DisplayName(
      "0/15 * * * * * fires at :00, :15, :30, :45 whatever the ticks between, each run a job with its schedule and planned time")
  void everyFifteenSeconds() {
    clock.set(Instant.parse("2025-12-31T23:59:58Z"));
    JsonObject created = schedules.create(ScheduleTesting.schedule("s15", "0/15 * * * * *"));
    String id = created.getString("schedule_id");
    assertThat(ScheduleTesting.instant(created.getValue("next_run_at")))
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(created.getString("next_run_local")).isEqualTo("2026-01-01T00:00Z");
    assertThat(created.getValue("last_run_at")).isNull();
    // Ticks every 5 s (as a timer late or early would be) and twice at some instants.
    schedules.stepUntil(Instant.parse("2026-01-01T00:01:03Z"), Duration.ofSeconds(5));
    schedules.tick();
    List<String> planned =
        List.of(
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:15Z",
            "2026-01-01T00:00:30Z",
            "2026-01-01T00:00:45Z",
            "2026-01-01T00:01:00Z");
    assertThat(schedules.planned(id, "submitted")).containsExactlyElementsOf(planned);
    assertThat(schedules.runs(id))
        .allSatisfy(r -> assertThat(r.getString("trigger")).isEqualTo("cron"));
    assertThat(ScheduleTesting.jobsOf(root, id).values())
        .containsExactlyInAnyOrderElementsOf(planned);
    JsonObject s = schedules.get(id);
    assertThat(ScheduleTesting.instant(s.getValue("last_run_at")))
        .isEqualTo("2026-01-01T00:01:00Z");
    assertThat(ScheduleTesting.instant(s.getValue("next_run_at")))
        .isEqualTo("2026-01-01T00:01:15Z");
    JsonObject newest = s.getJsonArray("runs").getJsonObject(0);
    assertThat(newest.getString("status")).isEqualTo("queued");
    JsonObject info = tc.get("/job-info/" + newest.getString("job_id")).bodyAsJsonObject();
    assertThat(info.getString("schedule_id")).isEqualTo(id);
    assertThat(ScheduleTesting.instant(info.getValue("scheduled_for")))
        .isEqualTo("2026-01-01T00:01:00Z");
  }

  @Test
  @DisplayName("a five-field schedule fires at its minutes, once each")
  void fiveFieldMinutes() {
    String id = schedules.createId(ScheduleTesting.schedule("m", "10,40 * * * *"));
    schedules.stepUntil(Instant.parse("2026-01-01T01:30:00Z"), Duration.ofMinutes(5));
    assertThat(schedules.planned(id, "submitted"))
        .containsExactly("2026-01-01T00:10:00Z", "2026-01-01T00:40:00Z", "2026-01-01T01:10:00Z");
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(3);
  }

  @Test
  @DisplayName(
      "Europe/Lisbon, last Sunday of March (01:00 UTC): 01:30 does not exist that day and fires nothing; hourly runs keep real time")
  void lisbonSpringForward() {
    clock.set(Instant.parse("2026-03-27T12:00:00Z"));
    String daily = lisbon("daily", "30 1 * * *");
    String night = lisbon("night", "0 0-4 * * *");
    schedules.stepUntil(Instant.parse("2026-03-31T12:00:00Z"), Duration.ofMinutes(30));
    assertThat(schedules.local(daily, "submitted"))
        .containsExactly("2026-03-28T01:30Z", "2026-03-30T01:30+01:00", "2026-03-31T01:30+01:00");
    assertThat(schedules.local(night, "submitted").stream().filter(t -> t.startsWith("2026-03-29")))
        .containsExactly(
            "2026-03-29T00:00Z",
            "2026-03-29T02:00+01:00",
            "2026-03-29T03:00+01:00",
            "2026-03-29T04:00+01:00");
    assertThat(schedules.runs(daily))
        .allSatisfy(r -> assertThat(r.getString("trigger")).isEqualTo("cron"));
  }

  @Test
  @DisplayName(
      "Europe/Lisbon, last Sunday of October (02:00 local): 01:30 comes twice and fires once; an hour range fires in both passes")
  void lisbonFallBack() {
    clock.set(Instant.parse("2026-10-24T12:00:00Z"));
    String daily = lisbon("daily", "30 1 * * *");
    String night = lisbon("night", "0 0-4 * * *");
    schedules.stepUntil(Instant.parse("2026-10-26T12:00:00Z"), Duration.ofMinutes(30));
    assertThat(schedules.local(daily, "submitted"))
        .containsExactly("2026-10-25T01:30+01:00", "2026-10-26T01:30Z");
    assertThat(schedules.planned(daily, "submitted"))
        .containsExactly("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
    assertThat(schedules.local(night, "submitted").stream().filter(t -> t.startsWith("2026-10-25")))
        .containsExactly(
            "2026-10-25T00:00+01:00",
            "2026-10-25T01:00+01:00",
            "2026-10-25T01:00Z",
            "2026-10-25T02:00Z",
            "2026-10-25T03:00Z",
            "2026-10-25T04:00Z");
  }

  private String lisbon(String name, String cron) {
    return schedules.createId(
        ScheduleTesting.schedule(name, cron).put("timezone", "Europe/Lisbon"));
  }
}
