package eu.opeva.coordinator;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.agent.AgentSettings;
import eu.opeva.coordinator.agent.AgentTesting;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The built-in local worker runs jobs for host 'local' through the HTTP agent protocol")
class LocalWorkerTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("LOCAL_WORKER", "true");
  }

  @Test
  @DisplayName("with LOCAL_WORKER=true a job for 'local' runs the sample simulation to the end")
  void runsJobsForLocal() throws Exception {
    String id = submitSample(tc, "local", sim(2, 0.05), null);

    JsonObject done = awaitStatus(tc, id, "finished");

    assertThat(done.getString("worker_id")).isEqualTo("local");
    assertThat(done.getJsonObject("details").getString("executor")).isEqualTo("process");
    assertThat(Files.readString(AgentTesting.log(tc, id))).contains("episode 2/2");
    JsonObject local =
        tc.get("/hosts").bodyAsJsonObject().getJsonObject("hosts").getJsonObject("local");
    assertThat(local.getBoolean("online"))
        .as("the local worker heartbeats like any agent")
        .isTrue();
    assertThat(local.getJsonObject("info").getString("executor")).isEqualTo("process");
  }

  @Test
  @DisplayName("the local worker talks to the coordinator's loopback address and port")
  void settings() {
    var config =
        eu.opeva.coordinator.settings.SettingsLoader.load(
            java.util.Optional.empty(),
            Map.of(
                "VM_SHARED_DATA",
                root.toString(),
                "LOCAL_WORKER",
                "true",
                "LOCAL_WORKER_SLOTS",
                "3"));
    AgentSettings s = LocalWorker.settings(config, 8123);
    assertThat(s.server().toString()).isEqualTo("http://127.0.0.1:8123");
    assertThat(s.workerId()).isEqualTo("local");
    assertThat(s.slots()).isEqualTo(3);
    assertThat(s.runner()).isEqualTo("process");
    assertThat(s.sharedDir()).isEqualTo(root);
  }
}
