package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.testing.AgentProcess;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("A data job fans out to three simulations and a scoring job, on real agent processes")
class FanOutEndToEndTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("AVAILABLE_HOSTS", "agent-1,agent-2");
  }

  private AgentProcess agent(String id) throws Exception {
    return new AgentProcess(root.resolveSibling(root.getFileName() + "-" + id + ".log"))
        .start(
            List.of(
                "--server",
                "http://127.0.0.1:" + tc.port(),
                "--worker-id",
                id,
                "--shared-dir",
                root.toString(),
                "--runner",
                "process",
                "--slots",
                "2",
                "--heartbeat-seconds",
                "1",
                "--poll-wait-seconds",
                "5"));
  }

  private static JsonObject config(String name, int episodes) {
    return new JsonObject()
        .put("experiment", new JsonObject().put("name", name).put("run_name", "r"))
        .put(
            "simulation",
            new JsonObject().put("episodes", episodes).put("seconds_per_episode", 0.1));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName(
      "the data job submits its children with its own token; they run, then the scoring job after them")
  void fanOut() throws Exception {
    try (AgentProcess a = agent("agent-1");
        AgentProcess b = agent("agent-2")) {
      JsonObject data = config("Data", 1);
      data.getJsonObject("simulation")
          .put(
              "spawn_children",
              new JsonObject()
                  .put("count", 3)
                  .put("child", config("Team", 3))
                  .put("score", config("Score", 1)));
      String parent =
          jobs.submit(new JsonObject().put("config", data).put("submitted_by", "alice"));
      awaitStatus(tc, parent, "finished");

      JsonObject info = tc.get("/job-info/" + parent).bodyAsJsonObject();
      JsonArray children = info.getJsonArray("children");
      assertThat(children).hasSize(4);
      List<String> sims = new ArrayList<>();
      String score = null;
      for (Object o : children) {
        String id = (String) o;
        JsonObject child = tc.get("/job-info/" + id).bodyAsJsonObject();
        assertThat(child.getString("parent_job_id")).isEqualTo(parent);
        assertThat(child.getString("submitted_by")).isEqualTo("alice");
        if ("score".equals(child.getString("pipeline_key"))) {
          score = id;
        } else {
          sims.add(id);
        }
      }
      assertThat(sims).hasSize(3);
      assertThat(score).isNotNull();
      JsonObject scoreInfo = tc.get("/job-info/" + score).bodyAsJsonObject();
      assertThat(scoreInfo.getJsonArray("depends_on")).containsExactlyInAnyOrderElementsOf(sims);

      String scoring = score;
      eventually(
          Duration.ofSeconds(90),
          "every child finished",
          () ->
              children.stream()
                  .allMatch(id -> "finished".equals(jobs.status((String) id).getString("status"))));
      long scoreStarted = millis(jobs.status(scoring).getValue("started_at"));
      for (String sim : sims) {
        assertThat(scoreStarted)
            .as("the scoring job starts after simulation " + sim + " finished")
            .isGreaterThanOrEqualTo(millis(jobs.status(sim).getValue("finished_at")));
      }
      JsonObject result = tc.get("/result/" + parent).bodyAsJsonObject();
      assertThat(result.toString()).contains(scoring);
    }
  }

  private static long millis(Object wire) {
    return EpochTime.parseMillis(wire);
  }
}
