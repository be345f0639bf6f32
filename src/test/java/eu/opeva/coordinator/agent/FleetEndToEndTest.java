package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.processGone;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName(
    "The whole system: a coordinator and three agents run 60 sample jobs through a stop, a dead agent and a restart")
class FleetEndToEndTest extends CoordinatorHttpTest {
  private static final Logger LOG = LoggerFactory.getLogger(FleetEndToEndTest.class);
  private static final int JOBS = 60;

  final Map<String, AgentTesting.Deployed> agents = new HashMap<>();
  // A fixed port, so that the agents find the coordinator again after its restart.
  final int port = freePort();
  Vertx vertx;

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "RETRY_MAX_ATTEMPTS",
        "1",
        "HTTP_PORT",
        String.valueOf(port),
        "AVAILABLE_HOSTS",
        "agent-1,agent-2,agent-3");
  }

  @AfterEach
  void stopAgents() {
    agents.values().forEach(a -> AgentTesting.undeploy(vertx, a));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName(
      "all jobs end as they should: finished with artefacts, one stopped, the dead agent's failed, no report lost")
  void sixtyJobs(Vertx vertx) throws Exception {
    this.vertx = vertx;
    for (String id : List.of("agent-1", "agent-2", "agent-3")) {
      agents.put(id, AgentTesting.deploy(vertx, AgentTesting.settings(tc, id, 2)));
    }
    long started = System.nanoTime();
    String toStop = submitSample(tc, "agent-1", sim(600, 0.1), null);
    String onDeadAgent = submitSample(tc, "agent-3", sim(600, 0.1), null);
    List<String> shortJobs = new ArrayList<>();
    for (int i = 0; i < JOBS - 2; i++) {
      shortJobs.add(submitSample(tc, null, sim(3, 0.05), null));
    }

    JsonArray heldByDeadAgent = killAgentThree(onDeadAgent);
    stopMidRun(toStop);
    restartWhileJobsRun(shortJobs);

    Map<String, JsonObject> finalStatus =
        eventually(Duration.ofMinutes(3), () -> allTerminal(JOBS));
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("{} jobs ended {} s after the first submission", JOBS, String.format("%.1f", seconds));

    assertThat(finalStatus.get(toStop).getString("status")).isEqualTo("stopped");
    assertThat(finalStatus.get(onDeadAgent).getString("status")).isEqualTo("failed");
    assertThat(finalStatus.get(onDeadAgent).getString("error")).isEqualTo("worker_offline");
    int finished = 0;
    for (String id : shortJobs) {
      JsonObject doc = finalStatus.get(id);
      if (doc.getString("status").equals("finished")) {
        finished++;
        assertArtefacts(id);
      } else {
        assertThat(heldByDeadAgent)
            .as("only the dead agent's jobs may fail: " + doc.encode())
            .contains(id);
        assertThat(doc.getString("error")).isEqualTo("worker_offline");
      }
    }
    assertThat(finished).isGreaterThanOrEqualTo(JOBS - 2 - heldByDeadAgent.size());
    for (String id : List.of("agent-1", "agent-2")) {
      JsonObject state = agents.get(id).state();
      assertThat(state.getInteger("pending_reports")).isZero();
      assertThat(state.getJsonObject("active")).isEmpty();
    }
  }

  /** Agent 3 dies while running its pinned job; the monitor fails (or requeues) what it held. */
  private JsonArray killAgentThree(String onDeadAgent) {
    awaitStatus(tc, onDeadAgent, "running");
    long pid =
        eventually(
            Duration.ofSeconds(20),
            () -> {
              long p =
                  agents.get("agent-3").state().getJsonObject("active").getLong(onDeadAgent, -1L);
              return p > 0 ? p : null;
            });
    JsonArray held = TestCoordinator.await(agents.get("agent-3").agent().halt());
    assertThat(held).contains(onDeadAgent);
    eventually(Duration.ofSeconds(10), () -> processGone(pid) ? true : null);

    Map<String, Long> beats = new HashMap<>();
    for (String id : List.of("agent-1", "agent-2")) {
      beats.put(id, agents.get(id).state().getLong("heartbeats"));
    }
    clock.advance(tc.config.hosts().offlineAfter().plusSeconds(1));
    for (String id : List.of("agent-1", "agent-2")) {
      eventually(
          Duration.ofSeconds(20),
          () -> agents.get(id).state().getLong("heartbeats") >= beats.get(id) + 2 ? true : null);
    }
    JsonArray decisions = tc.sweep().getJsonArray("decisions");
    assertThat(decisions.stream().map(d -> ((JsonObject) d).getString("job_id")).toList())
        .contains(onDeadAgent)
        .allMatch(held::contains);
    assertThat(jobs.status(onDeadAgent).getString("status")).isEqualTo("failed");
    return held;
  }

  /** A stop mid-run ends the job's process and the job is stopped. */
  private void stopMidRun(String toStop) {
    awaitStatus(tc, toStop, "running");
    eventually(
        Duration.ofSeconds(20),
        () ->
            Files.exists(root.resolve("jobs/" + toStop + "/progress/progress.json")) ? true : null);
    assertThat(tc.post("/stop/" + toStop, new JsonObject()).statusCode()).isEqualTo(200);
    JsonObject stopped = awaitStatus(tc, toStop, "stopped");
    assertThat(processGone(stopped.getJsonObject("details").getLong("pid"))).isTrue();
  }

  /**
   * The coordinator goes away while jobs run; their terminal reports wait and are delivered after.
   */
  private void restartWhileJobsRun(List<String> shortJobs) {
    int left =
        (int)
            shortJobs.stream().filter(id -> !terminal(jobs.status(id).getString("status"))).count();
    assertThat(left)
        .as("jobs still to run when the coordinator restarts")
        .isGreaterThanOrEqualTo(10);
    tc.stopCoordinator();
    eventually(Duration.ofSeconds(30), () -> pending() > 0 ? true : null);
    tc.startCoordinator();
    eventually(Duration.ofSeconds(30), () -> pending() == 0 ? true : null);
    long retried =
        agents.get("agent-1").state().getLong("retried_reports")
            + agents.get("agent-2").state().getLong("retried_reports");
    LOG.info(
        "coordinator restarted with {} jobs to go; {} report deliveries were retried",
        left,
        retried);
    assertThat(retried).isPositive();
  }

  private int pending() {
    return agents.get("agent-1").state().getInteger("pending_reports")
        + agents.get("agent-2").state().getInteger("pending_reports");
  }

  private Map<String, JsonObject> allTerminal(int expected) {
    JsonArray jobs = tc.get("/jobs").bodyAsJsonArray();
    Map<String, JsonObject> out = new HashMap<>();
    for (Object o : jobs) {
      JsonObject job = (JsonObject) o;
      if (!terminal(job.getString("status"))) {
        return null;
      }
      out.put(job.getString("job_id"), this.jobs.status(job.getString("job_id")));
    }
    return out.size() == expected ? out : null;
  }

  private static boolean terminal(String status) {
    return Set.of("finished", "failed", "stopped", "canceled").contains(status);
  }

  private void assertArtefacts(String id) throws Exception {
    Path dir = root.resolve("jobs/" + id);
    assertThat(Files.readString(dir.resolve("logs/" + id + ".log")))
        .contains("episode 3/3", "exit code 0");
    assertThat(
            new JsonObject(Files.readString(dir.resolve("progress/progress.json")))
                .getDouble("progress"))
        .isEqualTo(1.0);
    assertThat(
            new JsonObject(Files.readString(dir.resolve("results/result.json")))
                .getInteger("episodes"))
        .isEqualTo(3);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
