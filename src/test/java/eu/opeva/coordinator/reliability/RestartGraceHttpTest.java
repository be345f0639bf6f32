package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A coordinator that was down gives live workers and their jobs their full TTLs again")
class RestartGraceHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    // Recovered jobs go back to the queue at once (no retry backoff).
    return Map.of(
        "RETRY_BACKOFF_SECONDS",
        "0",
        "JOB_STATUS_TTL",
        "10",
        "QUEUE_CLAIM_TTL",
        "10",
        "HOST_HEARTBEAT_TTL",
        "5",
        "WORKER_STALE_GRACE_SECONDS",
        "5");
  }

  private void heartbeat(String worker) {
    assertThat(
            tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", worker)).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "down for 15 s (TTL 10 s): the running and the dispatched job of a live worker survive")
  void downtimeKeepsJobsOfLiveWorkers() {
    String running = jobs.running("worker-a");
    String dispatched = jobs.dispatched("worker-a");
    tc.stopCoordinator();
    clock.advance(Duration.ofSeconds(15)); // the coordinator is down; the worker keeps running
    tc.startCoordinator();

    clock.advance(Duration.ofSeconds(2));
    heartbeat("worker-a");
    assertThat(tc.sweep().getJsonArray("decisions"))
        .as("nothing is stale two seconds in")
        .isEmpty();
    assertThat(jobs.state(running)).isEqualTo("running");
    assertThat(jobs.state(dispatched)).isEqualTo("dispatched");

    // The worker refreshes its running job; the dispatch it never acknowledged expires on time.
    jobs.report(running, "running", "worker-a");
    clock.advance(Duration.ofSeconds(9));
    heartbeat("worker-a");
    assertThat(tc.sweep().getJsonArray("decisions")).hasSize(1);
    assertThat(jobs.state(running)).isEqualTo("running");
    assertThat(jobs.state(dispatched)).as("its TTL ran again from the start").isEqualTo("queued");
  }

  @Test
  @DisplayName(
      "a worker that does not come back is declared offline only TTL + grace after the start")
  void silentWorkerAfterRestart() {
    String running = jobs.running("worker-b");
    tc.stopCoordinator();
    clock.advance(Duration.ofHours(1));
    tc.startCoordinator();
    clock.advance(Duration.ofSeconds(9));
    jobs.report(running, "running", "worker-b"); // a report counts as a heartbeat
    assertThat(tc.sweep().getJsonArray("decisions")).isEmpty();
    clock.advance(Duration.ofSeconds(11)); // 11 s of silence: offline (and stale)
    tc.sweep();
    JsonObject lost = jobs.status(running);
    assertThat(lost.getString("status")).as("attempt 1 lost, the job retried").isEqualTo("queued");
    assertThat(lost.getBoolean("retrying")).isTrue();
  }
}
