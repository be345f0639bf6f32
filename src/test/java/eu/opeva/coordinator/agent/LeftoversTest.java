package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.processGone;
import static eu.opeva.coordinator.agent.AgentTesting.recordedPid;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.stateDir;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("At start an agent stops and reports the runs an earlier life of it left behind")
class LeftoversTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    // What the agent reports is checked as the job's end: no retries.
    return Map.of("RETRY_MAX_ATTEMPTS", "1");
  }

  Vertx vertx;
  Path state;
  final List<Process> started = new ArrayList<>();
  final List<AgentTesting.Deployed> agents = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    state = stateDir(tc, "worker-a");
  }

  @AfterEach
  void cleanUp() {
    agents.forEach(a -> AgentTesting.undeploy(vertx, a));
    started.forEach(Process::destroyForcibly);
  }

  private AgentTesting.Deployed agent() {
    AgentTesting.Deployed a = AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    agents.add(a);
    return a;
  }

  /** A job dispatched to worker-a and reported running, as an earlier life of the agent left it. */
  private String runningJob() {
    String id = submitSample(tc, "worker-a", sim(1, 0), null);
    assertThat(jobs.poll("worker-a")).isNotNull();
    assertThat(jobs.report(id, "running", "worker-a", 1)).isEqualTo(200);
    return id;
  }

  private void record(String jobId, long pid, long startedAt) throws Exception {
    Files.createDirectories(state.resolve("runs"));
    Files.writeString(
        state.resolve("runs/" + jobId + "-1.json"),
        new JsonObject()
            .put("job_id", jobId)
            .put("attempt", 1)
            .put("pid", pid)
            .put("container_name", "opeva_job_x_1")
            .put("runner", "process")
            .put("started_at", EpochTime.seconds(startedAt))
            .encode());
  }

  private Process spawn(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    started.add(p);
    return p;
  }

  @Test
  @DisplayName(
      "a run of a halted agent is journaled as a leftover and reported failed (agent_restarted)")
  void haltedAgentsRun() {
    AgentTesting.Deployed first =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    String id = submitSample(tc, "worker-a", sim(600, 0.1), null);
    awaitStatus(tc, id, "running");
    long pid = recordedPid(tc, "worker-a", id, 1);
    TestCoordinator.await(first.agent().halt());
    AgentTesting.undeploy(vertx, first);
    eventually(Duration.ofSeconds(10), "the halted agent's job is gone", () -> processGone(pid));
    assertThat(state.resolve("runs/" + id + "-1.json")).exists();

    agent();

    JsonObject failed = awaitStatus(tc, id, "failed");
    assertThat(failed.getString("error"))
        .isEqualTo(
            "agent_restarted: the agent restarted while attempt 1 was running; it was stopped");
    List<JsonObject> lines = AgentTesting.journal(state, id);
    assertThat(lines).extracting(l -> l.getString("event")).containsExactly("started", "leftover");
    assertThat(lines.get(1).getLong("pid")).isEqualTo(pid);
    assertThat(lines.get(1).getString("reason")).contains("had already ended");
    assertThat(state.resolve("runs/" + id + "-1.json")).doesNotExist();
    AgentTesting.assertOneAttemptAtATime(AgentTesting.journal(state));
  }

  @Test
  @DisplayName(
      "a leftover process still running is terminated, then killed after the grace; a reused pid is left alone")
  void liveLeftoverIsStopped() throws Exception {
    String id = runningJob();
    String other = runningJob();
    // Ignores SIGTERM, so it takes the SIGKILL after the grace; named like the job's wrapper.
    Process leftover =
        spawn("sh", "-c", "trap '' TERM; while :; do sleep 0.2; done", JobWrapper.name(id, 1));
    record(id, leftover.pid(), System.currentTimeMillis());
    // The pid of other's record now belongs to an unrelated process.
    Process unrelated = spawn("sleep", "300");
    record(other, unrelated.pid(), System.currentTimeMillis());

    agent();

    eventually(Duration.ofSeconds(20), "the leftover is gone", () -> !leftover.isAlive());
    JsonObject failed = awaitStatus(tc, id, "failed");
    assertThat(failed.getString("error")).startsWith("agent_restarted:");
    assertThat(failed.getJsonObject("details").getString("leftover"))
        .isEqualTo("process " + leftover.pid() + " was killed");
    assertThat(awaitStatus(tc, other, "failed").getJsonObject("details").getString("leftover"))
        .contains("had already ended");
    assertThat(unrelated.isAlive()).as("a process that is not the run is not touched").isTrue();
    assertThat(AgentTesting.journal(state))
        .extracting(l -> l.getString("event") + " " + l.getString("job_id"))
        .containsExactlyInAnyOrder("leftover " + id, "leftover " + other);
    assertThat(state.resolve("runs")).isEmptyDirectory();
  }

  @Test
  @DisplayName("a leftover whose terminal report was spooled already keeps that report")
  void spooledReportWins() throws Exception {
    String id = runningJob();
    record(id, 999_999_999L, System.currentTimeMillis());
    Path spool = state.resolve("pending-reports");
    Files.createDirectories(spool);
    Files.writeString(
        spool.resolve(id + "-1.json"),
        new JsonObject()
            .put(
                "report",
                new JsonObject()
                    .put("job_id", id)
                    .put("status", "finished")
                    .put("worker_id", "worker-a")
                    .put("attempt", 1)
                    .put("exit_code", 0))
            .put("running_first", false)
            .encode());

    agent();

    assertThat(awaitStatus(tc, id, "finished").getInteger("exit_code")).isZero();
    eventually(
        Duration.ofSeconds(10),
        "the record goes",
        () -> !Files.exists(state.resolve("runs/" + id + "-1.json")));
    assertThat(AgentTesting.journal(state, id).get(0).getString("reason"))
        .contains("its terminal report was spooled already");
  }
}
