package eu.opeva.coordinator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The monitor recovers stale jobs and jobs of offline workers (injected clock, no sleeps)")
class MonitorSweepHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    // Lost dispatches go back to the queue at once; running jobs checked here fail at once
    // (NO_RETRY). Retries themselves: RetryHttpTest.
    return Map.of("RETRY_BACKOFF_SECONDS", "0");
  }

  /** A job that is not retried: its recovery's own outcome is what is checked. */
  static final JsonObject NO_RETRY =
      new JsonObject().put("retry", new JsonObject().put("max_attempts", 1));

  String dispatchedTo(String worker, JsonObject extra) {
    String id =
        tc.post("/run-simulation", new JsonObject().put("config_path", "demo.yaml").mergeIn(extra))
            .bodyAsJsonObject()
            .getString("job_id");
    assertThat(
            tc.post("/api/agent/next-job", new JsonObject().put("worker_id", worker))
                .bodyAsJsonObject()
                .getString("job_id"))
        .isEqualTo(id);
    return id;
  }

  void heartbeat(String worker, JsonObject info) {
    assertThat(
            tc.post(
                    "/api/agent/heartbeat",
                    new JsonObject().put("worker_id", worker).put("info", info))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a stale dispatched job is requeued and a stale running job is failed; fresh ones are left alone")
  void staleStatus() {
    String dispatched = dispatchedTo("worker-a", new JsonObject());
    String running = dispatchedTo("worker-b", NO_RETRY.copy());
    tc.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", running)
            .put("status", "running")
            .put("worker_id", "worker-b"));
    clock.advance(Duration.ofSeconds(299));
    heartbeat("worker-a", null);
    heartbeat("worker-b", null);
    assertThat(tc.sweep().getJsonArray("decisions")).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    heartbeat("worker-a", null);
    heartbeat("worker-b", null);
    assertThat(tc.sweep().getJsonArray("decisions")).hasSize(2);
    JsonObject requeued = jobs.status(dispatched);
    assertThat(requeued.getString("status")).isEqualTo("queued");
    assertThat(requeued.getBoolean("stale_status")).isTrue();
    assertThat(requeued.getString("requeued_from")).isEqualTo("worker-a");
    assertThat(requeued.getInteger("requeue_count")).isEqualTo(1);
    assertThat(root.resolve("queue/" + dispatched + ".json")).exists();
    assertThat(root.resolve("queue/" + dispatched + ".json.claim.worker-a")).doesNotExist();
    JsonObject failed = jobs.status(running);
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("error")).isEqualTo("stale_status");
    assertThat(failed.getString("last_host")).isEqualTo("worker-b");
    assertThat(
            tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-b"))
                .bodyAsJsonObject()
                .getInteger("attempt"))
        .as("the requeued job runs again as attempt 2")
        .isEqualTo(2);
  }

  @Test
  @DisplayName(
      "jobs of a worker silent for longer than TTL + grace are requeued (dispatched) or failed (running)")
  void offlineWorker() {
    String dispatched = dispatchedTo("worker-a", new JsonObject().put("target_host", "worker-a"));
    String running = dispatchedTo("worker-a", NO_RETRY.copy());
    tc.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", running)
            .put("status", "running")
            .put("worker_id", "worker-a"));
    heartbeat("worker-a", null);
    clock.advance(Duration.ofSeconds(100));
    // Reports keep the status fresh (so only the heartbeat rule can fire) but come from no worker
    // id.
    tc.post(
        "/api/agent/job-status", new JsonObject().put("job_id", running).put("status", "running"));
    clock.advance(Duration.ofSeconds(81));
    tc.post(
        "/api/agent/job-status", new JsonObject().put("job_id", running).put("status", "running"));
    tc.post(
        "/api/agent/job-status",
        new JsonObject().put("job_id", dispatched).put("status", "dispatched"));
    assertThat(tc.sweep().getJsonArray("decisions")).hasSize(2);
    JsonObject requeued = jobs.status(dispatched);
    assertThat(requeued.getString("status")).isEqualTo("queued");
    assertThat(requeued.getBoolean("worker_offline")).isTrue();
    assertThat(requeued.getString("preferred_host"))
        .as("pinned jobs stay pinned")
        .isEqualTo("worker-a");
    JsonObject failed = jobs.status(running);
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("error")).isEqualTo("worker_offline");
    JsonObject hosts = tc.get("/hosts").bodyAsJsonObject().getJsonObject("hosts");
    assertThat(hosts.getJsonObject("worker-a").getBoolean("online")).isFalse();
  }

  @Test
  @DisplayName("after a start, nobody is offline before TTL + grace, even with no heartbeat yet")
  void startupGrace() {
    String running = dispatchedTo("worker-a", NO_RETRY.copy());
    tc.post(
        "/api/agent/job-status", new JsonObject().put("job_id", running).put("status", "running"));
    tc.restart();
    clock.advance(Duration.ofSeconds(170));
    tc.post(
        "/api/agent/job-status", new JsonObject().put("job_id", running).put("status", "running"));
    assertThat(tc.sweep().getJsonArray("decisions")).isEmpty();
    clock.advance(Duration.ofSeconds(11));
    tc.post(
        "/api/agent/job-status", new JsonObject().put("job_id", running).put("status", "running"));
    assertThat(tc.sweep().getJsonArray("decisions")).hasSize(1);
    assertThat(jobs.status(running).getString("error")).isEqualTo("worker_offline");
  }

  @Test
  @DisplayName(
      "a dispatched job never acknowledged by its worker is requeued when its claim expires")
  void claimExpiry() {
    String id = dispatchedTo("worker-a", new JsonObject());
    clock.advance(Duration.ofSeconds(200));
    heartbeat("worker-a", null);
    assertThat(tc.sweep().getJsonArray("decisions")).isEmpty();
    clock.advance(Duration.ofSeconds(101));
    heartbeat("worker-a", null);
    tc.sweep();
    assertThat(jobs.status(id).getString("status")).isEqualTo("queued");
  }

  @Test
  @DisplayName(
      "a stale dispatched job on the special host is kept while the scheduler still holds it")
  void schedulerPendingPreserved() {
    String id = dispatchedTo("deucalion", new JsonObject().put("target_host", "deucalion"));
    tc.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", id)
            .put("status", "dispatched")
            .put("worker_id", "deucalion")
            .put("details", new JsonObject().put("slurm_state", "PENDING")));
    clock.advance(Duration.ofSeconds(21601));
    heartbeat(
        "deucalion",
        new JsonObject().put("active_job_ids", new io.vertx.core.json.JsonArray().add(id)));
    assertThat(tc.sweep().getJsonArray("decisions")).isEmpty();
    assertThat(jobs.status(id).getString("status")).isEqualTo("dispatched");
    heartbeat(
        "deucalion",
        new JsonObject().put("active_job_ids", new io.vertx.core.json.JsonArray().add("other")));
    tc.sweep();
    assertThat(jobs.status(id).getString("status"))
        .as("disowned by the host: requeued")
        .isEqualTo("queued");
  }

  @Test
  @DisplayName(
      "a report that arrives after the sweep read the job wins: the decision, fenced on the version, is dropped")
  void decisionsAreFenced() {
    String id = dispatchedTo("worker-a", NO_RETRY.copy());
    var dispatch = new eu.opeva.coordinator.dispatch.DispatchClient(tc.vertx);
    tc.post(
        "/api/agent/job-status",
        new JsonObject().put("job_id", id).put("status", "running").put("worker_id", "worker-a"));
    long seen = jobs.status(id).getLong("version");
    var stale =
        new eu.opeva.coordinator.dispatch.RecoveryRequest(
            id,
            seen,
            new eu.opeva.coordinator.domain.Staleness.Decision(
                eu.opeva.coordinator.domain.Staleness.Action.FAIL,
                eu.opeva.coordinator.domain.StatusNote.Mark.STALE_STATUS,
                "stale_status"));
    // A late refresh of the same status lands between the sweep's read and its decision.
    tc.post(
        "/api/agent/job-status",
        new JsonObject().put("job_id", id).put("status", "running").put("worker_id", "worker-a"));
    assertThat(TestCoordinator.await(dispatch.recover(stale)).getBoolean("applied")).isFalse();
    assertThat(jobs.status(id).getString("status")).isEqualTo("running");
    var current =
        new eu.opeva.coordinator.dispatch.RecoveryRequest(
            id, jobs.status(id).getLong("version"), stale.decision());
    assertThat(TestCoordinator.await(dispatch.recover(current)).getBoolean("applied")).isTrue();
    assertThat(jobs.status(id).getString("status")).isEqualTo("failed");
  }
}
