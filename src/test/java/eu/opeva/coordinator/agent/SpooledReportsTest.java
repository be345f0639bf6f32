package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.eventually;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.submit;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Terminal reports an agent could not deliver survive its restart")
class SpooledReportsTest {
  @TempDir Path root;
  Vertx vertx;
  TestCoordinator tc;
  Path spool;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    tc = TestCoordinator.start(vertx, root, new MutableClock(), Map.of());
    spool = AgentSettings.defaultStateDir(root, "worker-a").resolve("pending-reports");
  }

  @AfterEach
  void stop() {
    tc.close();
  }

  /** A job dispatched to worker-a and reported running, as the agent's previous run left it. */
  private String runningJob() {
    String id = submit(tc, "worker-a", sim(1, 0), null);
    assertThat(tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a")).statusCode()).isEqualTo(200);
    assertThat(tc.post("/api/agent/job-status", new JsonObject().put("job_id", id).put("status", "running")
        .put("worker_id", "worker-a").put("attempt", 1)).statusCode()).isEqualTo(200);
    return id;
  }

  private void spool(JsonObject report) throws Exception {
    Files.createDirectories(spool);
    Files.writeString(spool.resolve(report.getString("job_id") + "-1.json"), report.encode());
  }

  @Test
  @DisplayName("a spooled finished report is delivered when the agent starts, and removed from the spool")
  void deliveredAtStart() throws Exception {
    String id = runningJob();
    spool(new JsonObject().put("job_id", id).put("status", "finished").put("worker_id", "worker-a")
        .put("attempt", 1).put("exit_code", 0));

    AgentTesting.Deployed agent = AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    try {
      assertThat(awaitStatus(tc, id, "finished").getInteger("exit_code")).isZero();
      eventually(Duration.ofSeconds(10), () -> agent.state().getInteger("pending_reports") == 0 ? true : null);
      assertThat(spool.resolve(id + "-1.json")).doesNotExist();
    } finally {
      AgentTesting.undeploy(vertx, agent);
    }
  }

  @Test
  @DisplayName("a spooled report the coordinator refuses (an older attempt) is dropped, not retried forever")
  void refusedIsDropped() throws Exception {
    String id = runningJob();
    spool(new JsonObject().put("job_id", id).put("status", "failed").put("worker_id", "worker-a")
        .put("attempt", 7).put("exit_code", 1));

    AgentTesting.Deployed agent = AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 1));
    try {
      eventually(Duration.ofSeconds(10), () -> agent.state().getInteger("pending_reports") == 0 ? true : null);
      assertThat(spool.resolve(id + "-1.json")).doesNotExist();
      assertThat(AgentTesting.status(tc, id).getString("status")).isEqualTo("running");
    } finally {
      AgentTesting.undeploy(vertx, agent);
    }
  }
}
