package eu.opeva.coordinator.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A job runs from the copy of its config taken at submission")
class ConfigSnapshotHttpTest extends CoordinatorHttpTest {
  static final String DEMO = "experiment:\n  name: Demo\n  run_name: Run1\nlearning_rate: 0.1\n";

  @Override
  protected Map<String, String> seed() {
    return Map.of("configs/demo.yaml", DEMO);
  }

  @Test
  @DisplayName(
      "editing the config file after submission changes neither the snapshot nor the payload")
  void editAfterSubmission() throws Exception {
    String id =
        jobs.submit(
            new JsonObject()
                .put("config_path", "configs/demo.yaml")
                .put("target_host", "worker-a"));
    Files.writeString(root.resolve("configs/demo.yaml"), "learning_rate: 99\n");

    assertThat(root.resolve("jobs/" + id + "/config.yaml")).hasContent(DEMO);
    JsonObject payload = jobs.poll("worker-a");
    assertThat(payload.getString("config_path")).isEqualTo("jobs/" + id + "/config.yaml");
    assertThat(payload.getString("source_config_path")).isEqualTo("configs/demo.yaml");
    assertThat(payload.getString("command"))
        .startsWith("--config /data/jobs/" + id + "/config.yaml ");
    JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
    assertThat(info.getString("config_path")).isEqualTo("configs/demo.yaml");
    assertThat(info.getString("config_snapshot_file")).isEqualTo("config.yaml");
  }

  @Test
  @DisplayName("deleting the config file after submission does not strand the queued job")
  void deleteAfterSubmission() throws Exception {
    String id = jobs.submit(new JsonObject().put("config_path", "demo.yaml"));
    Files.delete(root.resolve("configs/demo.yaml"));

    JsonObject payload = jobs.poll("worker-b");
    assertThat(payload.getString("job_id")).isEqualTo(id);
    assertThat(root.resolve(payload.getString("config_path"))).hasContent(DEMO);
  }

  @Test
  @DisplayName("a resolved config is derived from the snapshot and is what the payload points at")
  void resolvedWins() throws Exception {
    Files.writeString(root.resolve("configs/ds.yaml"), "simulator:\n  dataset_name: site1\n");
    String id = jobs.submit(new JsonObject().put("config_path", "configs/ds.yaml"));
    Files.writeString(root.resolve("configs/ds.yaml"), "simulator:\n  dataset_name: other\n");

    JsonObject payload = jobs.poll("worker-b");
    assertThat(payload.getString("config_path")).isEqualTo("jobs/" + id + "/config.resolved.yaml");
    assertThat(Files.readString(root.resolve(payload.getString("config_path"))))
        .contains("/data/datasets/site1/schema.json");
    assertThat(root.resolve("jobs/" + id + "/config.yaml"))
        .hasContent("simulator:\n  dataset_name: site1\n");
  }

  @Test
  @DisplayName(
      "save_as never replaces an existing config: the second submission is 409 and creates nothing")
  void inlineSaveAsReused() throws Exception {
    String first =
        jobs.submit(
            new JsonObject()
                .put("config", new JsonObject().put("lr", 1))
                .put("save_as", "mine.yaml"));
    var again =
        tc.post(
            "/run-simulation",
            new JsonObject()
                .put("config", new JsonObject().put("lr", 2))
                .put("save_as", "mine.yaml"));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("detail")).contains("mine.yaml already exists");
    assertThat(root.resolve("configs/mine.yaml")).hasContent("lr: 1\n");
    assertThat(root.resolve("jobs/" + first + "/config.yaml")).hasContent("lr: 1\n");
    try (var dirs = Files.list(root.resolve("jobs"))) {
      assertThat(dirs.map(p -> p.getFileName().toString())).containsExactly(first);
    }
    assertThat(tc.get("/jobs").bodyAsJsonArray()).hasSize(1);
  }

  @Test
  @DisplayName("a job recovered after a restart still runs from its snapshot")
  void snapshotSurvivesRestart() throws Exception {
    String id = jobs.submit(new JsonObject().put("config_path", "configs/demo.yaml"));
    tc.stopCoordinator();
    // Without the registry snapshot the job is rebuilt from its own folder alone.
    Files.deleteIfExists(root.resolve("job_track.json"));
    tc.startCoordinator();
    Files.writeString(root.resolve("configs/demo.yaml"), "learning_rate: 99\n");

    JsonObject payload = jobs.poll("worker-b");
    assertThat(payload.getString("job_id")).isEqualTo(id);
    assertThat(payload.getString("config_path")).isEqualTo("jobs/" + id + "/config.yaml");
  }
}
