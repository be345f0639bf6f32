package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.processGone;
import static eu.opeva.coordinator.agent.AgentTesting.recordedPid;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.stateDir;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.AgentProcess;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName(
    "A job dies with its agent, even one killed with SIGKILL, and the next agent reports it")
class AgentKilledTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    // What the agent reports is checked as the job's end: no retries.
    return Map.of("RETRY_MAX_ATTEMPTS", "1");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName(
      "the job of a SIGKILLed agent JVM is gone within seconds; the restarted agent reports it failed")
  void jobDiesWithItsAgent(Vertx vertx) throws Exception {
    String id;
    long wrapper;
    long job;
    try (AgentProcess agent = new AgentProcess(root.resolve("agent-process.log"))) {
      agent.start(
          List.of(
              "--server",
              "http://127.0.0.1:" + tc.port(),
              "--worker-id",
              "worker-a",
              "--shared-dir",
              root.toString(),
              "--runner",
              "process",
              "--heartbeat-seconds",
              "1",
              "--poll-wait-seconds",
              "5",
              "--stop-grace-seconds",
              "2"));
      id = submitSample(tc, "worker-a", sim(600, 0.1), null);
      awaitStatus(tc, id, "running");
      wrapper = recordedPid(tc, "worker-a", id, 1);
      job = jobPid(wrapper);
      eventually(
          Duration.ofSeconds(30),
          "the job makes progress",
          () -> Files.exists(root.resolve("jobs/" + id + "/progress/progress.json")));

      agent.kill();
    }

    eventually(Duration.ofSeconds(10), "the job's process is gone", () -> processGone(job));
    eventually(Duration.ofSeconds(10), "its wrapper is gone", () -> processGone(wrapper));
    assertThat(jobs.status(id).getString("status")).isEqualTo("running");
    Path state = stateDir(tc, "worker-a");
    assertThat(state.resolve("runs/" + id + "-1.json")).exists();

    AgentTesting.Deployed next =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    try {
      JsonObject failed = awaitStatus(tc, id, "failed");
      assertThat(failed.getString("error")).isEqualTo(Leftovers.error(1));
      List<JsonObject> lines = AgentTesting.journal(state, id);
      assertThat(lines)
          .extracting(l -> l.getString("event"))
          .containsExactly("started", "leftover");
      assertThat(lines.get(1).getLong("pid")).isEqualTo(wrapper);
      assertThat(state.resolve("runs/" + id + "-1.json")).doesNotExist();
      assertThat(Files.readString(AgentTesting.log(tc, id)))
          .contains("starts attempt 1", "episode 1/600")
          .doesNotContain("Terminated", "Killed");
    } finally {
      AgentTesting.undeploy(vertx, next);
    }
  }

  /** The sample simulation's JVM: the wrapper's child that is not its watcher subshell. */
  private static long jobPid(long wrapper) {
    return eventually(
        Duration.ofSeconds(20),
        () ->
            ProcessHandle.of(wrapper).stream()
                .flatMap(ProcessHandle::children)
                .filter(c -> c.info().command().orElse("").endsWith("java"))
                .map(ProcessHandle::pid)
                .findFirst()
                .orElse(null));
  }
}
