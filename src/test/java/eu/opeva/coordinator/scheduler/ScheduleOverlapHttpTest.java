package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.Scrape;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Overlap: a run while the previous run's job is active is skipped, allowed, or replaces it")
class ScheduleOverlapHttpTest extends CoordinatorHttpTest {
  private ScheduleTesting schedules;

  @BeforeEach
  void driver() {
    schedules = new ScheduleTesting(tc);
  }

  /** Every minute, with the policy; the first run made (its job queued, so active). */
  private String everyMinute(String overlap) {
    String id =
        schedules.createId(
            ScheduleTesting.schedule(overlap, "0 * * * * *").put("overlap", overlap));
    nextMinute();
    return id;
  }

  private void nextMinute() {
    clock.advance(Duration.ofMinutes(1));
    schedules.tick();
  }

  private List<JsonObject> runs(String id) {
    return schedules.runs(id);
  }

  /** A worker takes the job and finishes it. */
  private void finish(String jobId) {
    JsonObject payload = jobs.poll("worker-a");
    assertThat(payload.getString("job_id")).isEqualTo(jobId);
    jobs.report(jobId, "running", "worker-a");
    jobs.report(jobId, "finished", "worker-a");
  }

  @Test
  @DisplayName("skip: no run while the job is queued or running; the next one once it finished")
  void skip() {
    String id = everyMinute("skip");
    String first = runs(id).get(0).getString("job_id");
    nextMinute();
    JsonObject skipped = runs(id).get(1);
    assertThat(skipped.getString("state")).isEqualTo("skipped");
    assertThat(skipped.getString("detail"))
        .isEqualTo("overlap is skip and the previous run's job " + first + " is queued");
    jobs.poll("worker-a");
    jobs.report(first, "running", "worker-a");
    nextMinute();
    assertThat(runs(id).get(2).getString("detail")).endsWith(" is running");
    jobs.report(first, "finished", "worker-a");
    nextMinute();
    List<JsonObject> all = runs(id);
    assertThat(all)
        .extracting(r -> r.getString("state"))
        .containsExactly("submitted", "skipped", "skipped", "submitted");
    assertThat(all.get(0).getString("status")).isEqualTo("finished");
    assertThat(all.get(3).getString("status")).isEqualTo("queued");
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(2);
    Scrape metrics = schedules.metrics();
    assertThat(metrics.value("opeva_schedule_runs_total", "outcome", "submitted")).isEqualTo(2);
    assertThat(metrics.value("opeva_schedule_runs_total", "outcome", "skipped")).isEqualTo(2);
    assertThat(metrics.value("opeva_schedule_runs_total", "outcome", "canceled_previous")).isZero();
  }

  @Test
  @DisplayName("allow: a run starts whatever the previous one is doing")
  void allow() {
    String id = everyMinute("allow");
    nextMinute();
    nextMinute();
    List<JsonObject> all = runs(id);
    assertThat(all).extracting(r -> r.getString("state")).containsOnly("submitted").hasSize(3);
    assertThat(all).extracting(r -> r.getString("status")).containsOnly("queued");
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(3);
  }

  @Test
  @DisplayName(
      "cancel_previous: the active job is stopped (a queued one canceled) and the new run starts")
  void cancelPrevious() {
    String id = everyMinute("cancel_previous");
    String first = runs(id).get(0).getString("job_id");
    nextMinute();
    JsonObject second = runs(id).get(1);
    assertThat(second.getString("state")).isEqualTo("submitted");
    assertThat(second.getJsonArray("canceled")).containsExactly(first);
    assertThat(jobs.state(first)).isEqualTo("canceled");
    String secondJob = second.getString("job_id");
    // A running job is asked to stop.
    jobs.poll("worker-a");
    jobs.report(secondJob, "running", "worker-a");
    nextMinute();
    assertThat(jobs.state(secondJob)).isEqualTo("stop_requested");
    assertThat(runs(id).get(2).getJsonArray("canceled")).containsExactly(secondJob);
    // An ended one is left alone: nothing to cancel.
    String third = runs(id).get(2).getString("job_id");
    finish(third);
    nextMinute();
    assertThat(runs(id).get(3).getValue("canceled")).isNull();
    assertThat(runs(id).get(2).getString("status")).isEqualTo("finished");
    Scrape metrics = schedules.metrics();
    assertThat(metrics.value("opeva_schedule_runs_total", "outcome", "submitted")).isEqualTo(2);
    assertThat(metrics.value("opeva_schedule_runs_total", "outcome", "canceled_previous"))
        .isEqualTo(2);
  }

  @Test
  @DisplayName("cancel_previous on a pipeline schedule cancels the previous pipeline")
  void cancelPreviousPipeline() {
    JsonObject body =
        new JsonObject()
            .put("name", "chain")
            .put("cron", "0 * * * * *")
            .put("overlap", "cancel_previous")
            .put(
                "pipeline",
                new JsonObject()
                    .put(
                        "jobs",
                        new JsonArray()
                            .add(SchedulesHttpTest.node("a"))
                            .add(
                                SchedulesHttpTest.node("b")
                                    .put("depends_on", new JsonArray().add("a")))));
    String id = schedules.createId(body);
    nextMinute();
    String first = runs(id).get(0).getString("pipeline_id");
    nextMinute();
    assertThat(runs(id).get(1).getJsonArray("canceled")).containsExactly(first);
    assertThat(tc.get("/pipelines/" + first).bodyAsJsonObject().getString("status"))
        .isEqualTo("canceled");
    assertThat(runs(id).get(0).getString("status")).isEqualTo("canceled");
  }
}
