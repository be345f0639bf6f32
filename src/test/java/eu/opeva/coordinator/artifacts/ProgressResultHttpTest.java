package eu.opeva.coordinator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Progress, result and resolved config are served from the job folder")
class ProgressResultHttpTest extends CoordinatorHttpTest {
  static final String ID = "job-1";
  Path job;

  @BeforeEach
  void jobFolder() throws Exception {
    job = Files.createDirectories(root.resolve("jobs").resolve(ID));
  }

  @Test
  @DisplayName("progress is the file as written, or 'No updates yet.' (also for unknown jobs)")
  void progress() throws Exception {
    assertThat(tc.get("/progress/" + ID).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("progress", "No updates yet."));
    assertThat(tc.get("/progress/unknown-job").statusCode()).isEqualTo(200);
    write("progress/progress.json", "{\"percent\": 42, \"episode\": 3}");
    assertThat(tc.get("/progress/" + ID).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("percent", 42).put("episode", 3));
    write("progress/progress.json", "[1, 2]");
    assertThat(tc.get("/progress/" + ID).bodyAsJsonArray())
        .isEqualTo(new JsonArray().add(1).add(2));
  }

  @Test
  @DisplayName("a progress or result file caught half-written is a 503 to retry, not a 500")
  void halfWritten() throws Exception {
    write("progress/progress.json", "{\"percent\": 4");
    write("results/result.json", "{\"kpis\": {");
    for (String path : new String[] {"/progress/", "/result/"}) {
      var response = tc.get(path + ID);
      assertThat(response.statusCode()).as(path).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("detail"))
          .contains("not valid JSON")
          .contains("retry");
    }
  }

  @Test
  @DisplayName("a missing result is pending, with no simulation data and an unknown KPI source")
  void pendingResult() {
    String queued = jobs.submit();
    JsonObject result = tc.get("/result/" + queued).bodyAsJsonObject();
    assertThat(result)
        .isEqualTo(
            new JsonObject()
                .put("status", "pending")
                .put("message", "Result not ready yet.")
                .put("job_status", "queued")
                .put("simulation_data_available", false)
                .putNull("simulation_data_session_default")
                .putNull("simulation_data_dir")
                .put("kpi_source", "unknown"));
  }

  @Test
  @DisplayName("KPIs come from the exported CSV of the newest session, and no host path is exposed")
  void resultWithSimulationData() throws Exception {
    write(
        "results/result.json",
        "{\"evaluation\": {\"kpis\": {\"cost\": 1.5}}, \"simulation_data_dir\": \""
            + root
            + "/leak\"}");
    JsonObject fromResult = tc.get("/result/" + ID).bodyAsJsonObject();
    assertThat(fromResult.getString("kpi_source")).isEqualTo("result.evaluation.kpis");
    assertThat(fromResult.getJsonObject("evaluation").getJsonObject("kpis").getDouble("cost"))
        .isEqualTo(1.5);

    session("run-old", 1);
    Path newest = session("run-new", 2);
    Files.writeString(newest.resolve("exported_kpis.csv"), "kpi,value\ncost,1\n");
    var response = tc.get("/result/" + ID);
    JsonObject result = response.bodyAsJsonObject();
    assertThat(result.getBoolean("simulation_data_available")).isTrue();
    assertThat(result.getString("simulation_data_session_default")).isEqualTo("run-new");
    assertThat(result.getString("simulation_data_dir"))
        .isEqualTo("jobs/" + ID + "/results/simulation_data");
    assertThat(result.getString("kpi_source")).isEqualTo("simulation_data/exported_kpis.csv");
    assertThat(response.bodyAsString()).doesNotContain(root.toString());
  }

  @Test
  @DisplayName(
      "a non-object result is wrapped; top-level kpis are named; a data folder without sessions is 'root'")
  void otherShapes() throws Exception {
    write("results/result.json", "[1, 2, 3]");
    assertThat(tc.get("/result/" + ID).bodyAsJsonObject().getJsonArray("result"))
        .containsExactly(1, 2, 3);
    write("results/result.json", "{\"kpis\": {\"a\": 1}}");
    Files.createDirectories(job.resolve("results/simulation_data"));
    JsonObject result = tc.get("/result/" + ID).bodyAsJsonObject();
    assertThat(result.getString("kpi_source")).isEqualTo("result.kpis");
    assertThat(result.getString("simulation_data_session_default")).isEqualTo("root");
  }

  @Test
  @DisplayName("files that are links out of the job folder are treated as absent")
  void linksOut() throws Exception {
    Files.writeString(root.resolve("secret.json"), "{\"password\": \"hunter2\"}");
    Files.createDirectories(job.resolve("progress"));
    Files.createSymbolicLink(job.resolve("progress/progress.json"), root.resolve("secret.json"));
    assertThat(tc.get("/progress/" + ID).bodyAsString()).doesNotContain("hunter2");
  }

  @Test
  @DisplayName("the resolved config is served as YAML text, or 404 when the job has none")
  void resolvedConfig() throws Exception {
    String id =
        jobs.submit(
            new JsonObject()
                .put(
                    "config",
                    new JsonObject()
                        .put("simulator", new JsonObject().put("dataset_name", "site1"))));
    var yaml = tc.get("/job-resolved-config/" + id);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.getHeader("content-type")).startsWith("text/yaml");
    assertThat(yaml.bodyAsString()).contains("dataset_path: /data/datasets/site1/schema.json");

    var none = tc.get("/job-resolved-config/" + ID);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject().getString("detail")).isEqualTo("Resolved config not found");
  }

  @Test
  @DisplayName("traversal in the job id is a 4xx on every artefact endpoint")
  void traversal() throws Exception {
    Files.writeString(root.resolve("secret.json"), "{\"password\": \"hunter2\"}");
    for (String path : new String[] {"/progress/", "/result/", "/job-resolved-config/"}) {
      for (String id : new String[] {"..%2F..%2Fsecret", "%2E%2E", "..%5Cx", "%2Fetc%2Fpasswd"}) {
        var response = tc.get(path + id);
        assertThat(response.statusCode()).as(path + id).isBetween(400, 404);
        assertThat(response.bodyAsString()).doesNotContain("hunter2");
      }
    }
  }

  private void write(String rel, String text) throws Exception {
    Path file = job.resolve(rel);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Path session(String name, int minute) throws Exception {
    Path dir = Files.createDirectories(job.resolve("results/simulation_data").resolve(name));
    Files.setLastModifiedTime(
        dir, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute)));
    return dir;
  }
}
