package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "GET /jobs is served from memory: no job_info.json is read per listed job, and the keys"
        + " workers add to their jobs' info files still show")
class JobListFromMemoryHttpTest extends CoordinatorHttpTest {

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "STORAGE_INFO_REFRESH_INTERVAL_MS", "20",
        "MLFLOW_UI_BASE_URL", "http://mlflow.example:5000");
  }

  private JsonObject listed(String id) {
    for (Object o : tc.get("/jobs").bodyAsJsonArray()) {
      if (((JsonObject) o).getString("job_id").equals(id)) {
        return (JsonObject) o;
      }
    }
    return null;
  }

  private void addToInfo(String id, JsonObject keys) throws Exception {
    Path file = jobs.jobDir(id).resolve("job_info.json");
    JsonObject info = new JsonObject(Files.readString(file)).mergeIn(keys);
    Files.writeString(file, info.encode());
  }

  @Test
  @DisplayName(
      "an unparseable or missing job_info.json changes nothing in the list (the replaced service"
          + " answered 500 for the whole list)")
  void noFileReadPerJob() throws Exception {
    String id = jobs.submit();
    JsonObject before = listed(id);
    assertThat(before.getJsonObject("job_info").getString("config_path"))
        .isEqualTo("configs/" + "demo.yaml");
    Path info = jobs.jobDir(id).resolve("job_info.json");
    Files.writeString(info, "{not json");
    assertThat(tc.get("/jobs").statusCode()).isEqualTo(200);
    assertThat(listed(id)).isEqualTo(before);
    Files.delete(info);
    assertThat(listed(id)).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "keys a worker writes into a running job's job_info.json show in the list (MLflow link"
          + " included), and are kept after the job ended and after a restart")
  void workerKeysShow() throws Exception {
    String id = jobs.running("worker-a");
    addToInfo(id, new JsonObject().put("run_id", "r-17").put("experiment_id", "4"));
    JsonObject info =
        Eventually.eventually(
            Duration.ofSeconds(10),
            () -> {
              JsonObject i = listed(id).getJsonObject("job_info");
              return i.containsKey("run_id") ? i : null;
            });
    assertThat(info.getString("run_id")).isEqualTo("r-17");
    assertThat(info.getString("mlflow_run_url")).contains("/#/experiments/4/runs/r-17");
    // Written just before the end: read once more after it.
    addToInfo(id, new JsonObject().put("final_metric", 0.5));
    jobs.report(id, "finished", "worker-a");
    Eventually.eventually(
        Duration.ofSeconds(10),
        "the key written before the end is listed",
        () -> listed(id).getJsonObject("job_info").containsKey("final_metric"));
    JsonObject ended = listed(id);
    assertThat(ended.getString("status")).isEqualTo("finished");
    assertThat(ended.getJsonObject("job_info").getString("run_id")).isEqualTo("r-17");

    tc.restart();
    JsonObject again = listed(id).getJsonObject("job_info");
    assertThat(again.getString("run_id")).isEqualTo("r-17");
    assertThat(again.getDouble("final_metric")).isEqualTo(0.5);
    assertThat(again.getString("target_host")).isEqualTo("worker-a");
  }
}
