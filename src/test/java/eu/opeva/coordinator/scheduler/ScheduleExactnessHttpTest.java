package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.storage.StorageFaults;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.ProgrammableFaults;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Schedules are exact across restarts: missed runs by catchup, recorded runs submitted exactly once")
class ScheduleExactnessHttpTest extends CoordinatorHttpTest {
  private final ProgrammableFaults faults = new ProgrammableFaults();
  private ScheduleTesting schedules;

  @Override
  protected StorageFaults faults() {
    return faults;
  }

  @BeforeEach
  void driver() {
    schedules = new ScheduleTesting(tc);
  }

  private String fifteenSeconds(String catchup) {
    String id =
        schedules.createId(
            ScheduleTesting.schedule(catchup, "0/15 * * * * *").put("catchup", catchup));
    clock.advance(Duration.ofSeconds(15));
    schedules.tick();
    return id;
  }

  /** Down for ten minutes, then up again: what the start did, and a tick after it. */
  private void downForTenMinutes() {
    tc.stopCoordinator();
    clock.advance(Duration.ofMinutes(10).plusSeconds(5));
    tc.startCoordinator();
    schedules.tick();
  }

  @Test
  @DisplayName(
      "catchup once: 40 runs missed while down make exactly one run at the start, for the latest of them")
  void catchupOnce() {
    String id = fifteenSeconds("once");
    downForTenMinutes();
    List<JsonObject> runs = schedules.runs(id);
    assertThat(runs).hasSize(2);
    JsonObject caught = runs.get(1);
    assertThat(caught.getString("trigger")).isEqualTo("catchup");
    assertThat(caught.getString("state")).isEqualTo("submitted");
    assertThat(ScheduleTesting.instant(caught.getValue("scheduled_for")))
        .isEqualTo("2026-01-01T00:10:15Z");
    assertThat(ScheduleTesting.instant(caught.getValue("missed_from")))
        .isEqualTo("2026-01-01T00:00:30Z");
    assertThat(ScheduleTesting.jobsOf(root, id).values())
        .containsExactlyInAnyOrder("2026-01-01T00:00:15Z", "2026-01-01T00:10:15Z");
    // Then on time again.
    clock.advance(Duration.ofSeconds(10));
    schedules.tick();
    assertThat(schedules.planned(id, "submitted")).last().isEqualTo("2026-01-01T00:10:30Z");
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(3);
  }

  @Test
  @DisplayName(
      "catchup none: runs missed while down make no run, only a record that they were missed")
  void catchupNone() {
    String id = fifteenSeconds("none");
    downForTenMinutes();
    List<JsonObject> runs = schedules.runs(id);
    assertThat(runs).extracting(r -> r.getString("state")).containsExactly("submitted", "missed");
    assertThat(runs.get(1).getValue("job_id")).isNull();
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(1);
    clock.advance(Duration.ofSeconds(10));
    schedules.tick();
    assertThat(schedules.planned(id, "submitted"))
        .containsExactly("2026-01-01T00:00:15Z", "2026-01-01T00:10:30Z");
  }

  @Test
  @DisplayName(
      "a run recorded whose answer was lost is submitted again with its key and gets the job it made; a run recorded and never submitted is submitted once")
  void recordedRunsAfterACrash() throws Exception {
    String id = fifteenSeconds("none");
    String job = schedules.runs(id).get(0).getString("job_id");
    tc.stopCoordinator();
    // As if the coordinator died after dispatch made the job and before the outcome was written.
    Path file = root.resolve("schedules").resolve(id + ".json");
    JsonObject saved = new JsonObject(Files.readString(file));
    JsonObject run = saved.getJsonArray("runs").getJsonObject(0);
    run.put("state", "submitting");
    run.remove("job_id");
    run.remove("submitted_at");
    Files.writeString(file, saved.encodePrettily());
    tc.startCoordinator();
    schedules.tick();
    assertThat(schedules.runs(id).get(0).getString("state")).isEqualTo("submitted");
    assertThat(schedules.runs(id).get(0).getString("job_id")).isEqualTo(job);
    assertThat(ScheduleTesting.jobsOf(root, id)).containsOnlyKeys(job);

    // As if it died right after recording the next run (planned at 00:00:30), before submitting.
    tc.stopCoordinator();
    saved = new JsonObject(Files.readString(file));
    BigDecimal planned = new BigDecimal("1767225630.000");
    JsonObject recorded =
        new JsonObject()
            .put("scheduled_for", planned)
            .put("trigger", "cron")
            .put("state", "submitting")
            .put("recorded_at", planned)
            .put("attempts", 0);
    saved.put("cursor", planned);
    saved.getJsonArray("runs").add(recorded);
    Files.writeString(file, saved.encodePrettily());
    tc.startCoordinator();
    schedules.tick();
    tc.restart();
    schedules.tick();
    Map<String, String> made = ScheduleTesting.jobsOf(root, id);
    assertThat(made.values())
        .containsExactlyInAnyOrder("2026-01-01T00:00:15Z", "2026-01-01T00:00:30Z");
    JsonObject second = schedules.runs(id).get(1);
    assertThat(second.getString("state")).isEqualTo("submitted");
    assertThat(made).containsKey(second.getString("job_id"));
  }

  @Test
  @DisplayName(
      "a submission dispatch cannot take (503) stays recorded and is tried again with the same key; later planned times wait for it")
  void unavailableDispatchIsRetried() {
    String id =
        schedules.createId(
            ScheduleTesting.schedule("retry", "0 * * * * *").put("overlap", "allow"));
    faults.failAll();
    clock.advance(Duration.ofMinutes(1));
    schedules.tick();
    JsonObject pending = schedules.runs(id).get(0);
    assertThat(pending.getString("state")).isEqualTo("submitting");
    assertThat(pending.getString("detail")).startsWith("submission refused (503)");
    assertThat(ScheduleTesting.instant(pending.getValue("retry_at")))
        .isEqualTo("2026-01-01T00:01:10Z");
    assertThat(pending.getInteger("attempts")).isEqualTo(1);
    // Not before its retry time.
    faults.clear();
    clock.advance(Duration.ofSeconds(5));
    schedules.tick();
    assertThat(schedules.runs(id).get(0).getString("state")).isEqualTo("submitting");
    clock.advance(Duration.ofSeconds(5));
    schedules.tick();
    JsonObject done = schedules.runs(id).get(0);
    assertThat(done.getString("state")).isEqualTo("submitted");
    assertThat(done.getInteger("attempts")).isEqualTo(2);
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(1);

    // Failing again: a planned time that comes while a run is pending is skipped.
    faults.failAll();
    clock.advance(Duration.ofSeconds(50));
    schedules.tick();
    clock.advance(Duration.ofSeconds(61));
    schedules.tick();
    faults.clear();
    clock.advance(Duration.ofSeconds(10));
    schedules.tick();
    JsonArray all = schedules.get(id).getJsonArray("runs");
    JsonObject skipped = all.getJsonObject(0);
    assertThat(ScheduleTesting.instant(skipped.getValue("scheduled_for")))
        .isEqualTo("2026-01-01T00:03:00Z");
    assertThat(skipped.getString("state")).isEqualTo("skipped");
    assertThat(skipped.getString("detail"))
        .isEqualTo("the run planned for 2026-01-01T00:02Z is still being submitted");
    assertThat(all.getJsonObject(1).getString("state")).isEqualTo("submitted");
    assertThat(all.getJsonObject(1).getInteger("attempts")).isEqualTo(3);
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(2);
  }
}
