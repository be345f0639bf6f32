package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schedules are resources: created, read, replaced, deleted, paused, resumed, run now")
class SchedulesHttpTest extends eu.opeva.coordinator.testing.CoordinatorHttpTest {
  private ScheduleTesting schedules;

  @BeforeEach
  void driver() {
    schedules = new ScheduleTesting(tc);
  }

  private HttpResponse<Buffer> refused(HttpMethod method, String path, JsonObject body) {
    HttpResponse<Buffer> r = tc.call(method, path, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isGreaterThanOrEqualTo(400);
    return r;
  }

  private String detail(HttpResponse<Buffer> r) {
    return String.valueOf(r.bodyAsJsonObject().getValue("detail"));
  }

  @Test
  @DisplayName(
      "POST answers 201 with the defaults and next_run_at; GET lists it and shows it; the file is under schedules/")
  void createAndRead() {
    JsonObject body =
        new JsonObject()
            .put("name", "nightly")
            .put("cron", "0 2 * * *")
            .put("job", new JsonObject().put("config_path", "demo.yaml").put("priority", 5));
    JsonObject s = schedules.create(body);
    String id = s.getString("schedule_id");
    assertThat(s.getString("timezone")).isEqualTo("UTC");
    assertThat(s.getString("overlap")).isEqualTo("skip");
    assertThat(s.getString("catchup")).isEqualTo("once");
    assertThat(s.getBoolean("enabled")).isTrue();
    assertThat(s.getJsonObject("job").getInteger("priority")).isEqualTo(5);
    assertThat(ScheduleTesting.instant(s.getValue("next_run_at")))
        .isEqualTo("2026-01-01T02:00:00Z");
    assertThat(s.getJsonArray("runs")).isEmpty();
    assertThat(Files.exists(root.resolve("schedules").resolve(id + ".json"))).isTrue();

    JsonObject list = tc.get("/schedules").bodyAsJsonObject();
    assertThat(list.getInteger("total")).isEqualTo(1);
    assertThat(list.getJsonArray("schedules").getJsonObject(0).getString("name"))
        .isEqualTo("nightly");
    assertThat(schedules.get(id).getString("cron")).isEqualTo("0 2 * * *");
    assertThat(tc.get("/schedules/no-such-schedule").statusCode()).isEqualTo(404);
    assertThat(tc.get("/schedules/..%2F..").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "an invalid cron, zone, policy or body is a 400 naming the field, and nothing is made")
  void validation() {
    JsonObject ok = ScheduleTesting.schedule("v", "*/5 * * * *");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", ok.copy().put("cron", "61 * * * *"))))
        .startsWith("cron: the minute field '61' is invalid");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", ok.copy().put("cron", "* * *"))))
        .startsWith("cron: give five fields");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", ok.copy().put("cron", "0 0 0 * * 0"))))
        .contains("day of week field '0'");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", ok.copy().put("cron", "0 0 30 2 *"))))
        .isEqualTo("cron: '0 0 30 2 *' never fires");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", ok.copy().put("timezone", "Lisbon"))))
        .startsWith("timezone: 'Lisbon' is not an IANA time zone name");
    JsonObject neither = ok.copy();
    neither.remove("job");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", neither)))
        .startsWith("Give what the schedule runs");
    JsonObject both =
        ok.copy().put("pipeline", new JsonObject().put("jobs", new JsonArray().add(node("a"))));
    assertThat(detail(refused(HttpMethod.POST, "/schedules", both)))
        .isEqualTo("Give either job or pipeline, not both");
    // The contract: policies, the job body (as /run-simulation's), unknown fields.
    assertThat(
            refused(HttpMethod.POST, "/schedules", ok.copy().put("overlap", "queue")).statusCode())
        .isEqualTo(400);
    assertThat(refused(HttpMethod.POST, "/schedules", ok.copy().put("catchup", "all")).statusCode())
        .isEqualTo(400);
    assertThat(
            refused(
                    HttpMethod.POST,
                    "/schedules",
                    ok.copy().put("job", new JsonObject().put("priority", 1000)))
                .statusCode())
        .isEqualTo(400);
    assertThat(refused(HttpMethod.POST, "/schedules", ok.copy().put("every", 5)).statusCode())
        .isEqualTo(400);
    JsonObject nameless = ok.copy();
    nameless.remove("name");
    assertThat(refused(HttpMethod.POST, "/schedules", nameless).statusCode()).isEqualTo(400);
    // What every run would be refused for is refused now: a config outside configs/, a bad
    // save_as, a host that is not configured, in a job or in a pipeline's node.
    JsonObject traversal = ok.copy();
    traversal.getJsonObject("job").put("config_path", "../secret.yaml");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", traversal)))
        .isEqualTo("job: Invalid config_path");
    JsonObject saveAs = ok.copy();
    saveAs.getJsonObject("job").put("save_as", "../x.yaml");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", saveAs))).startsWith("job: Invalid");
    JsonObject host = ok.copy();
    host.getJsonObject("job").put("target_host", "nowhere");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", host)))
        .startsWith("job: Unknown host 'nowhere'");
    JsonObject pipeline = ok.copy();
    pipeline.remove("job");
    pipeline.put(
        "pipeline",
        new JsonObject()
            .put("name", "p")
            .put(
                "jobs",
                new JsonArray()
                    .add(node("a"))
                    .add(node("b").put("config_path", "../../etc/passwd"))));
    assertThat(detail(refused(HttpMethod.POST, "/schedules", pipeline)))
        .isEqualTo("pipeline.jobs[1]: Invalid config_path");
    assertThat(tc.get("/schedules").bodyAsJsonObject().getInteger("total")).isZero();
    assertThat(root.resolve("schedules"))
        .satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
  }

  @Test
  @DisplayName("PUT replaces the definition and keeps the runs; DELETE removes it and its file")
  void replaceAndDelete() {
    String id = schedules.createId(ScheduleTesting.schedule("r", "*/10 * * * *"));
    clock.advance(Duration.ofMinutes(10));
    schedules.tick();
    assertThat(schedules.runs(id)).hasSize(1);

    JsonObject replaced =
        tc.call(
                HttpMethod.PUT,
                "/schedules/" + id,
                ScheduleTesting.schedule("r2", "0 0/15 * * * *").put("timezone", "Europe/Lisbon"))
            .bodyAsJsonObject();
    assertThat(replaced.getString("name")).isEqualTo("r2");
    assertThat(replaced.getString("cron")).isEqualTo("0 0/15 * * * *");
    assertThat(ScheduleTesting.instant(replaced.getValue("next_run_at")))
        .isEqualTo("2026-01-01T00:15:00Z");
    assertThat(replaced.getJsonArray("runs")).hasSize(1);
    assertThat(
            detail(
                refused(
                    HttpMethod.PUT,
                    "/schedules/" + id,
                    ScheduleTesting.schedule("r2", "0 24 * * *"))))
        .startsWith("cron: the hour field '24'");
    assertThat(
            tc.call(HttpMethod.PUT, "/schedules/nope", ScheduleTesting.schedule("x", "* * * * *"))
                .statusCode())
        .isEqualTo(404);
    // The new times apply: the next run is at :15.
    clock.advance(Duration.ofMinutes(5));
    schedules.tick();
    assertThat(schedules.planned(id, "submitted"))
        .containsExactly("2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z");

    assertThat(tc.call(HttpMethod.DELETE, "/schedules/" + id, null).statusCode()).isEqualTo(200);
    assertThat(tc.get("/schedules/" + id).statusCode()).isEqualTo(404);
    assertThat(tc.call(HttpMethod.DELETE, "/schedules/" + id, null).statusCode()).isEqualTo(404);
    assertThat(Files.exists(root.resolve("schedules").resolve(id + ".json"))).isFalse();
    // Its jobs stay; no run after the delete.
    clock.advance(Duration.ofMinutes(15));
    schedules.tick();
    assertThat(ScheduleTesting.jobsOf(root, id)).hasSize(2);
  }

  @Test
  @DisplayName(
      "pause stops runs, resume runs from now on (nothing for the paused time), run now runs once even while paused")
  void pauseResumeRunNow() {
    String id = schedules.createId(ScheduleTesting.schedule("p", "0/15 * * * * *"));
    JsonObject paused = schedules.post("/schedules/" + id + "/pause");
    assertThat(paused.getBoolean("enabled")).isFalse();
    assertThat(paused.getValue("next_run_at")).isNull();
    schedules.stepUntil(Instant.parse("2026-01-01T00:01:00Z"), Duration.ofSeconds(15));
    assertThat(schedules.runs(id)).isEmpty();

    JsonObject now = schedules.post("/schedules/" + id + "/run").getJsonObject("run");
    assertThat(now.getString("trigger")).isEqualTo("manual");
    assertThat(now.getString("state")).isEqualTo("submitted");
    assertThat(ScheduleTesting.instant(now.getValue("scheduled_for")))
        .isEqualTo("2026-01-01T00:01:00Z");
    assertThat(ScheduleTesting.jobsOf(root, id)).containsKey(now.getString("job_id"));

    clock.advance(Duration.ofSeconds(5));
    JsonObject resumed = schedules.post("/schedules/" + id + "/resume");
    assertThat(resumed.getBoolean("enabled")).isTrue();
    assertThat(ScheduleTesting.instant(resumed.getValue("next_run_at")))
        .isEqualTo("2026-01-01T00:01:15Z");
    schedules.stepUntil(Instant.parse("2026-01-01T00:01:30Z"), Duration.ofSeconds(5));
    assertThat(schedules.planned(id, "submitted"))
        .containsExactly("2026-01-01T00:01:00Z", "2026-01-01T00:01:15Z", "2026-01-01T00:01:30Z");
    assertThat(tc.post("/schedules/nope/pause", null).statusCode()).isEqualTo(404);
    assertThat(tc.post("/schedules/nope/run", null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "a run whose submission is refused is recorded as failed with the reason; the next run is tried")
  void refusedSubmission() throws Exception {
    JsonObject body = ScheduleTesting.schedule("f", "*/5 * * * *");
    body.getJsonObject("job").put("config_path", "gone.yaml");
    assertThat(detail(refused(HttpMethod.POST, "/schedules", body)))
        .isEqualTo("job: config file configs/gone.yaml not found");
    Files.writeString(root.resolve("configs/gone.yaml"), "experiment:\n  name: Gone\n");
    String id = schedules.createId(body);
    Files.delete(root.resolve("configs/gone.yaml"));
    clock.advance(Duration.ofMinutes(5));
    schedules.tick();
    JsonObject run = schedules.runs(id).get(0);
    assertThat(run.getString("state")).isEqualTo("failed");
    assertThat(run.getInteger("failure_status")).isEqualTo(404);
    assertThat(run.getString("detail")).startsWith("submission refused (404): ");
    assertThat(run.getValue("job_id")).isNull();
    clock.advance(Duration.ofMinutes(5));
    schedules.tick();
    assertThat(schedules.runs(id)).hasSize(2);
  }

  @Test
  @DisplayName(
      "a schedule can run a pipeline: each run creates the pipeline, its jobs carry the schedule")
  void pipelineSchedule() {
    JsonObject body =
        new JsonObject()
            .put("name", "chain")
            .put("cron", "*/5 * * * *")
            .put(
                "pipeline",
                new JsonObject()
                    .put("name", "fetch-then-score")
                    .put(
                        "jobs",
                        new JsonArray()
                            .add(node("fetch"))
                            .add(node("score").put("depends_on", new JsonArray().add("fetch")))));
    String id = schedules.createId(body);
    clock.advance(Duration.ofMinutes(5));
    schedules.tick();
    JsonObject run = schedules.get(id).getJsonArray("runs").getJsonObject(0);
    assertThat(run.getString("state")).isEqualTo("submitted");
    assertThat(run.getString("status")).isEqualTo("running");
    String pipeline = run.getString("pipeline_id");
    assertThat(tc.get("/pipelines/" + pipeline).statusCode()).isEqualTo(200);
    assertThat(ScheduleTesting.jobsOf(root, id).values())
        .containsOnly("2026-01-01T00:05:00Z")
        .hasSize(2);
  }

  static JsonObject node(String key) {
    return new JsonObject().put("key", key).put("config_path", "demo.yaml");
  }
}
