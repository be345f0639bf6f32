package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failed attempts are retried by policy, after a backoff (injected clock, no sleeps)")
class RetryHttpTest extends CoordinatorHttpTest {

  private void heartbeat(String worker) {
    assertThat(
            tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", worker)).statusCode())
        .isEqualTo(200);
  }

  private JsonObject failedReport(String id, String worker, int attempt, int exitCode) {
    var body =
        new JsonObject()
            .put("job_id", id)
            .put("status", "failed")
            .put("worker_id", worker)
            .put("attempt", attempt)
            .put("exit_code", exitCode)
            .put("error", "exit code " + exitCode);
    assertThat(tc.post("/api/agent/job-status", body).statusCode()).isEqualTo(200);
    return jobs.status(id);
  }

  private long notBeforeMillis(JsonObject status) {
    return new BigDecimal(status.getValue("not_before").toString())
        .movePointRight(3)
        .longValueExact();
  }

  @Test
  @DisplayName(
      "a worker lost mid-job: attempt 2 runs on another worker after the backoff, both attempts in the history")
  void workerLostMidJob() {
    String id = jobs.submit();
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(id);
    jobs.report(id, "running", "worker-a");
    heartbeat("worker-a");
    heartbeat("worker-b");
    clock.advance(Duration.ofSeconds(100));
    heartbeat("worker-b");
    clock.advance(Duration.ofSeconds(81)); // worker-a silent for 181 s: offline
    // A status refresh that names no worker keeps the job fresh but its worker not online.
    assertThat(jobs.report(id, "running", null, null)).isEqualTo(200);
    heartbeat("worker-b");
    assertThat(tc.sweep().getJsonArray("decisions")).hasSize(1);

    JsonObject waiting = jobs.status(id);
    assertThat(waiting.getString("status")).isEqualTo("queued");
    assertThat(waiting.getBoolean("retrying")).isTrue();
    assertThat(waiting.getBoolean("worker_offline")).isTrue();
    long wait = notBeforeMillis(waiting) - clock.millis();
    assertThat(wait).as("backoff from 10 s, with jitter").isBetween(5_000L, 10_000L);
    assertThat(jobs.poll("worker-b")).as("not offered during its backoff").isNull();

    clock.advance(Duration.ofMillis(wait));
    JsonObject payload = jobs.poll("worker-b");
    assertThat(payload.getString("job_id")).isEqualTo(id);
    assertThat(payload.getInteger("attempt")).isEqualTo(2);
    assertThat(jobs.report(id, "running", "worker-a", 1)).as("attempt 1 is fenced").isEqualTo(409);
    assertThat(jobs.report(id, "running", "worker-b", 2)).isEqualTo(200);
    assertThat(jobs.report(id, "finished", "worker-b", 2)).isEqualTo(200);

    JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
    JsonArray history = info.getJsonArray("history");
    assertThat(history).hasSize(2);
    JsonObject first = history.getJsonObject(0);
    assertThat(first.getInteger("attempt")).isEqualTo(1);
    assertThat(first.getString("worker_id")).isEqualTo("worker-a");
    assertThat(first.getString("status")).isEqualTo("failed");
    assertThat(first.getString("reason")).isEqualTo("worker_offline");
    assertThat(first.getValue("started_at")).isNotNull();
    JsonObject second = history.getJsonObject(1);
    assertThat(second.getString("worker_id")).isEqualTo("worker-b");
    assertThat(second.getString("status")).isEqualTo("finished");
    assertThat(info.getString("status")).isEqualTo("finished");
  }

  @Test
  @DisplayName("a non-zero exit is not retried by default")
  void exitCodeNotRetriedByDefault() {
    String id = jobs.running("worker-a");
    JsonObject failed = failedReport(id, "worker-a", 1, 3);
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getInteger("exit_code")).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "a non-zero exit is retried when the job asks, and exhausted retries end failed with the last reason")
  void exitCodeRetriedWhenAsked() {
    JsonObject retry =
        new JsonObject()
            .put("max_attempts", 2)
            .put("backoff_seconds", 4)
            .put("on", new JsonArray().add("exit_code"))
            .put("exit_codes", new JsonArray().add(3));
    String id = jobs.submit(new JsonObject().put("target_host", "worker-a").put("retry", retry));
    assertThat(jobs.poll("worker-a").getInteger("attempt")).isEqualTo(1);
    jobs.report(id, "running", "worker-a");
    JsonObject again = failedReport(id, "worker-a", 1, 3);
    assertThat(again.getString("status")).isEqualTo("queued");
    assertThat(notBeforeMillis(again) - clock.millis()).isBetween(2_000L, 4_000L);
    clock.advance(Duration.ofSeconds(4));
    assertThat(jobs.poll("worker-a").getInteger("attempt")).isEqualTo(2);
    assertThat(jobs.report(id, "running", "worker-a", 2)).isEqualTo(200);
    JsonObject end = failedReport(id, "worker-a", 2, 3);
    assertThat(end.getString("status")).as("2 attempts in all").isEqualTo("failed");
    assertThat(end.getString("error")).isEqualTo("exit code 3");
    JsonArray history = tc.get("/job-info/" + id).bodyAsJsonObject().getJsonArray("history");
    assertThat(history)
        .extracting(o -> ((JsonObject) o).getString("status"))
        .containsExactly("failed", "failed");
  }

  @Test
  @DisplayName("exit codes outside the job's list are not retried")
  void otherExitCodesNotRetried() {
    JsonObject retry =
        new JsonObject()
            .put("on", new JsonArray().add("exit_code"))
            .put("exit_codes", new JsonArray().add(75));
    String id = jobs.submit(new JsonObject().put("target_host", "worker-a").put("retry", retry));
    jobs.poll("worker-a");
    jobs.report(id, "running", "worker-a");
    assertThat(failedReport(id, "worker-a", 1, 1).getString("status")).isEqualTo("failed");
  }

  @Test
  @DisplayName("a job whose stop was requested is never retried")
  void stoppedIsNotRetried() {
    JsonObject retry = new JsonObject().put("on", new JsonArray().add("exit_code"));
    String id = jobs.submit(new JsonObject().put("target_host", "worker-a").put("retry", retry));
    jobs.poll("worker-a");
    jobs.report(id, "running", "worker-a");
    assertThat(tc.post("/stop/" + id, new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(failedReport(id, "worker-a", 1, 143).getString("status")).isEqualTo("failed");
  }

  @Test
  @DisplayName("the agent's own shutdown counts as a lost worker and is retried by default")
  void agentStoppedIsRetried() {
    String id = jobs.running("worker-a");
    var body =
        new JsonObject()
            .put("job_id", id)
            .put("status", "failed")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("exit_code", 143)
            .put("error", "agent_stopped: worker worker-a shut down while the job was running");
    assertThat(tc.post("/api/agent/job-status", body).statusCode()).isEqualTo(200);
    assertThat(jobs.status(id).getString("status")).isEqualTo("queued");
  }

  @Test
  @DisplayName("bad retry policies are refused with 400 and create nothing")
  void badPolicies() throws Exception {
    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject().put("max_attempts", 0),
          new JsonObject().put("max_attempts", 101),
          new JsonObject().put("backoff_seconds", -1),
          new JsonObject().put("backoff_seconds", 10).put("max_backoff_seconds", 5),
          new JsonObject().put("on", new JsonArray().add("sometimes")),
          new JsonObject().put("exit_codes", new JsonArray().add(0)),
          new JsonObject().put("tries", 3)
        }) {
      var r = jobs.trySubmit(new JsonObject().put("config_path", "demo.yaml").put("retry", bad));
      assertThat(r.statusCode()).as(bad.encode() + ": " + r.bodyAsString()).isEqualTo(400);
    }
    try (var dirs = java.nio.file.Files.list(root.resolve("jobs"))) {
      assertThat(dirs).isEmpty();
    }
  }
}
