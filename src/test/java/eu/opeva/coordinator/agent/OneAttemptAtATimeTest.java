package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.processGone;
import static eu.opeva.coordinator.agent.AgentTesting.recordedPid;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.stateDir;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An agent runs one attempt of a job at a time")
class OneAttemptAtATimeTest extends CoordinatorHttpTest {
  @Test
  @DisplayName(
      "attempt 2 arriving while attempt 1 runs here starts only once attempt 1's process has exited")
  void newAttemptWaitsForTheOld(Vertx vertx) throws Exception {
    // No heartbeats and no running refreshes: only the new payload tells the agent of attempt 2.
    var quick = AgentTesting.QUICK;
    var quiet =
        new AgentSettings.Timings(
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            quick.pollWait(),
            quick.stopGrace(),
            quick.retryMin(),
            quick.retryMax());
    AgentTesting.Deployed agent =
        AgentTesting.deploy(vertx, AgentTesting.settings(tc, "worker-a", 2).withTimings(quiet));
    try {
      String id = submitSample(tc, "worker-a", sim(600, 0.1), null);
      awaitStatus(tc, id, "running");
      long first = recordedPid(tc, "worker-a", id, 1);
      assertThat(processGone(first)).isFalse();

      var requeued =
          tc.post(
              "/ops/jobs/" + id + "/requeue",
              new JsonObject().put("force", true).put("operator", "test").put("reason", "retry"));
      assertThat(requeued.statusCode()).as(requeued.bodyAsString()).isEqualTo(200);

      eventually(
          Duration.ofSeconds(30),
          "attempt 2 runs",
          () -> {
            JsonObject s = jobs.status(id);
            return s.getInteger("attempt") == 2 && s.getString("status").equals("running");
          });
      long second = recordedPid(tc, "worker-a", id, 2);
      Path state = stateDir(tc, "worker-a");
      List<JsonObject> lines = AgentTesting.journal(state, id);
      assertThat(lines)
          .extracting(l -> l.getString("event") + " " + l.getInteger("attempt"))
          .containsExactly("started 1", "ended 1", "started 2");
      assertThat(lines.get(1).getLong("pid")).isEqualTo(first);
      assertThat(lines.get(1).getString("reason")).contains("attempt 2 of the job was dispatched");
      assertThat(lines.get(1).getDouble("at")).isLessThanOrEqualTo(lines.get(2).getDouble("at"));
      assertThat(lines.get(2).getLong("pid")).isEqualTo(second);
      assertThat(processGone(first)).isTrue();
      assertThat(processGone(second)).isFalse();
      assertThat(state.resolve("runs/" + id + "-1.json")).doesNotExist();
      AgentTesting.assertOneAttemptAtATime(AgentTesting.journal(state));
      String log = Files.readString(AgentTesting.log(tc, id));
      assertThat(log.indexOf("attempt 1 killed"))
          .isPositive()
          .isLessThan(log.indexOf("starts attempt 2"));
    } finally {
      AgentTesting.undeploy(vertx, agent);
    }
  }
}
