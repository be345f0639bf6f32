package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Terminal reports an agent could not deliver survive its restart")
class SpooledReportsTest extends CoordinatorHttpTest {
  Vertx vertx;
  Path spool;

  @BeforeEach
  void spoolFolder(Vertx vertx) {
    this.vertx = vertx;
    spool = AgentSettings.defaultStateDir(root, "worker-a").resolve("pending-reports");
  }

  /** A job dispatched to worker-a and reported running, as the agent's previous run left it. */
  private String runningJob() {
    String id = submitSample(tc, "worker-a", sim(1, 0), null);
    assertThat(jobs.poll("worker-a")).isNotNull();
    assertThat(jobs.report(id, "running", "worker-a", 1)).isEqualTo(200);
    return id;
  }

  private void spool(JsonObject report) throws Exception {
    spool(report, false);
  }

  private void spool(JsonObject report, boolean runningFirst) throws Exception {
    Files.createDirectories(spool);
    Files.writeString(
        spool.resolve(report.getString("job_id") + "-1.json"),
        new JsonObject().put("report", report).put("running_first", runningFirst).encode());
  }

  @Test
  @DisplayName(
      "a spooled finished report is delivered when the agent starts, and removed from the spool")
  void deliveredAtStart() throws Exception {
    String id = runningJob();
    spool(
        new JsonObject()
            .put("job_id", id)
            .put("status", "finished")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("exit_code", 0));

    AgentTesting.Deployed agent =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    try {
      assertThat(awaitStatus(tc, id, "finished").getInteger("exit_code")).isZero();
      eventually(
          Duration.ofSeconds(10),
          () -> agent.state().getInteger("pending_reports") == 0 ? true : null);
      assertThat(spool.resolve(id + "-1.json")).doesNotExist();
    } finally {
      AgentTesting.undeploy(vertx, agent);
    }
  }

  @Test
  @DisplayName(
      "a spooled report the coordinator refuses (an older attempt) is dropped, not retried forever")
  void refusedIsDropped() throws Exception {
    String id = runningJob();
    spool(
        new JsonObject()
            .put("job_id", id)
            .put("status", "failed")
            .put("worker_id", "worker-a")
            .put("attempt", 7)
            .put("exit_code", 1));

    AgentTesting.Deployed agent =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    try {
      eventually(
          Duration.ofSeconds(10),
          () -> agent.state().getInteger("pending_reports") == 0 ? true : null);
      assertThat(spool.resolve(id + "-1.json")).doesNotExist();
      assertThat(jobs.status(id).getString("status")).isEqualTo("running");
    } finally {
      AgentTesting.undeploy(vertx, agent);
    }
  }

  @Test
  @DisplayName(
      "a job whose running report never got through is announced running before its finished report")
  void runningFirst() throws Exception {
    String id = submitSample(tc, "worker-a", sim(1, 0), null);
    assertThat(jobs.poll("worker-a")).isNotNull();
    spool(
        new JsonObject()
            .put("job_id", id)
            .put("status", "finished")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("exit_code", 0),
        true);

    AgentTesting.Deployed agent =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    try {
      // Without "running" first the coordinator would refuse dispatched -> finished (409).
      assertThat(awaitStatus(tc, id, "finished").getInteger("exit_code")).isZero();
    } finally {
      AgentTesting.undeploy(vertx, agent);
    }
  }
}
