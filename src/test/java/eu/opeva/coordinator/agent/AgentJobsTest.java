package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.log;
import static eu.opeva.coordinator.agent.AgentTesting.processGone;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agent runs real jobs with the process runner and reports how they end")
class AgentJobsTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    // What the agent reports is checked as the job's end: no retries.
    return Map.of("RETRY_MAX_ATTEMPTS", "1");
  }

  Vertx vertx;
  AgentTesting.Deployed agent;

  @BeforeEach
  void startAgent(Vertx vertx) {
    this.vertx = vertx;
    agent = AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 2));
  }

  @AfterEach
  void stopAgent() {
    AgentTesting.undeploy(vertx, agent);
  }

  @Test
  @DisplayName(
      "a job that exits 0 is finished, with its log, progress and results on the shared directory")
  void finishes() throws Exception {
    String id = submitSample(tc, "worker-a", sim(3, 0.05), null);

    JsonObject done = awaitStatus(tc, id, "finished");

    assertThat(done.getInteger("exit_code")).isZero();
    assertThat(done.getInteger("attempt")).isEqualTo(1);
    assertThat(done.getString("worker_id")).isEqualTo("worker-a");
    assertThat(done.getString("container_id")).startsWith("process-");
    assertThat(done.getJsonObject("details").getString("executor")).isEqualTo("process");
    assertThat(Files.readString(log(tc, id)))
        .contains("starts attempt 1", "episode 3/3", "exit code 0");
    assertThat(
            new JsonObject(Files.readString(root.resolve("jobs/" + id + "/progress/progress.json")))
                .getDouble("progress"))
        .isEqualTo(1.0);
    assertThat(root.resolve("jobs/" + id + "/results/result.json")).exists();
    JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
    assertThat(info.getString("container_name")).startsWith("opeva_job_Sample-test_");
  }

  @Test
  @DisplayName(
      "a job that exits non-zero is failed with its exit code and last output as the diagnostic")
  void failsWithDiagnostic() {
    String id = submitSample(tc, null, sim(5, 0.01).put("fail_at_episode", 3), null);

    JsonObject failed = awaitStatus(tc, id, "failed");

    assertThat(failed.getInteger("exit_code")).isEqualTo(1);
    assertThat(failed.getString("error"))
        .startsWith("exit code 1; last output:")
        .contains("episode 2/5", "simulated failure");
  }

  @Test
  @DisplayName("a job over its timeout_seconds is killed and failed with a diagnostic saying so")
  void timesOut() {
    String id =
        submitSample(tc, "worker-a", sim(200, 0.1), new JsonObject().put("timeout_seconds", 1));

    JsonObject failed = awaitStatus(tc, id, "failed");

    assertThat(failed.getString("error"))
        .startsWith("timeout: the job exceeded its timeout_seconds (1 s) and was killed");
    assertThat(failed.getJsonObject("details").getBoolean("timed_out")).isTrue();
    assertThat(failed.getJsonObject("details").getDouble("duration_seconds")).isLessThan(15.0);
    assertThat(processGone(failed.getJsonObject("details").getLong("pid"))).isTrue();
  }

  @Test
  @DisplayName("a stop request ends the running process and the job is stopped")
  void stops() {
    String id = submitSample(tc, "worker-a", sim(200, 0.1), null);
    awaitStatus(tc, id, "running");
    eventually(
        Duration.ofSeconds(20),
        () -> Files.exists(root.resolve("jobs/" + id + "/progress/progress.json")) ? true : null);

    assertThat(tc.post("/stop/" + id, new JsonObject()).statusCode()).isEqualTo(200);
    JsonObject stopped = awaitStatus(tc, id, "stopped");

    assertThat(stopped.getInteger("exit_code")).isEqualTo(143);
    assertThat(processGone(stopped.getJsonObject("details").getLong("pid"))).isTrue();
    assertThat(agent.state().getJsonObject("active")).isEmpty();
  }

  @Test
  @DisplayName("a job over its memory_mb cannot get the memory and fails")
  void memoryLimit() {
    String id =
        submitSample(
            tc,
            "worker-a",
            sim(1, 0).put("memory_mb", 512),
            new JsonObject().put("memory_mb", 128));

    JsonObject failed = awaitStatus(tc, id, "failed");

    assertThat(failed.getInteger("exit_code")).isNotZero();
    assertThat(failed.getJsonObject("details").getJsonObject("limits").getInteger("memory_mb"))
        .isEqualTo(128);
    String control =
        submitSample(
            tc, "worker-a", sim(1, 0).put("memory_mb", 16), new JsonObject().put("memory_mb", 256));
    assertThat(awaitStatus(tc, control, "finished").getInteger("exit_code")).isZero();
  }

  @Test
  @DisplayName(
      "when the coordinator fails a job it had given out (stale), the agent kills its process and drops it")
  void dropsJobTakenAway() {
    String id = submitSample(tc, "worker-a", sim(400, 0.1), null);
    awaitStatus(tc, id, "running");
    long pid =
        eventually(
            Duration.ofSeconds(10),
            () -> {
              long p = agent.state().getJsonObject("active").getLong(id, -1L);
              return p > 0 ? p : null;
            });

    eventually(
        Duration.ofSeconds(20),
        () -> {
          clock.advance(Duration.ofSeconds(301));
          return tc.sweep().getJsonArray("decisions").isEmpty() ? null : true;
        });

    eventually(Duration.ofSeconds(20), () -> processGone(pid) ? true : null);
    eventually(
        Duration.ofSeconds(10),
        () -> agent.state().getJsonObject("active").isEmpty() ? true : null);
    JsonObject status = jobs.status(id);
    assertThat(status.getString("status")).isEqualTo("failed");
    assertThat(status.getString("error")).isEqualTo("stale_status");
  }

  @Test
  @DisplayName("a job whose command cannot be started is failed with the reason")
  void cannotStart() {
    AgentTesting.Deployed broken =
        AgentTesting.deploy(
            vertx,
            AgentTesting.settings(tc, "worker-b", 1)
                .withProcessCommand(
                    java.util.List.of(root.resolve("no-such-simulator").toString())));
    try {
      String id = submitSample(tc, "worker-b", sim(1, 0), null);

      JsonObject failed = awaitStatus(tc, id, "failed");

      assertThat(failed.getString("error"))
          .startsWith("could not start the job: java.io.IOException")
          .contains("no-such-simulator");
      assertThat(broken.state().getJsonObject("active")).isEmpty();
    } finally {
      AgentTesting.undeploy(vertx, broken);
    }
  }

  @Test
  @DisplayName("a stop is also found through the job's status when a running refresh is refused")
  void stopSeenThroughStatus() {
    var quiet = AgentTesting.QUICK;
    quiet =
        new AgentSettings.Timings(
            Duration.ofMinutes(10),
            quiet.statusRefresh(),
            quiet.pollWait(),
            quiet.stopGrace(),
            quiet.retryMin(),
            quiet.retryMax());
    AgentTesting.Deployed noHeartbeats =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-b", 1).withTimings(quiet));
    try {
      String id = submitSample(tc, "worker-b", sim(300, 0.1), null);
      awaitStatus(tc, id, "running");
      long beats = noHeartbeats.state().getLong("heartbeats");

      assertThat(tc.post("/stop/" + id, new JsonObject()).statusCode()).isEqualTo(200);
      JsonObject stopped = awaitStatus(tc, id, "stopped");

      assertThat(noHeartbeats.state().getLong("heartbeats"))
          .as("no heartbeat carried the stop")
          .isEqualTo(beats);
      assertThat(processGone(stopped.getJsonObject("details").getLong("pid"))).isTrue();
    } finally {
      AgentTesting.undeploy(vertx, noHeartbeats);
    }
  }
}
