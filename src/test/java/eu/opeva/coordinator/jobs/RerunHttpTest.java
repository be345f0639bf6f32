package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Re-runs: a new job from an ended job's own snapshot and settings, linked to it")
class RerunHttpTest extends CoordinatorHttpTest {

  String failedJob(JsonObject extra) {
    String id = jobs.submit(extra);
    JsonObject payload = jobs.poll("worker-a");
    assertThat(payload.getString("job_id")).isEqualTo(id);
    jobs.report(id, "running", "worker-a");
    jobs.report(id, "failed", "worker-a");
    return id;
  }

  @Test
  @DisplayName(
      "a re-run of a failed job runs with the same config snapshot even after the config file was edited")
  void rerunUsesSnapshot() throws Exception {
    String old =
        failedJob(
            new JsonObject()
                .put("extra_args", new JsonArray().add("--seed").add("3"))
                .put("image_tag", "v2")
                .put("submitted_by", "ana"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Edited\n  run_name: Later\n");

    var r = tc.post("/jobs/" + old + "/rerun", null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject created = r.bodyAsJsonObject();
    String id = created.getString("job_id");
    assertThat(id).isNotEqualTo(old);
    assertThat(created.getString("rerun_of")).isEqualTo(old);
    assertThat(created.getString("job_name")).isEqualTo("Demo-Run1");
    assertThat(created.getString("image_tag")).isEqualTo("v2");
    assertThat(Files.readString(root.resolve("jobs/" + id + "/config.yaml")))
        .isEqualTo(Files.readString(root.resolve("jobs/" + old + "/config.yaml")))
        .contains("name: Demo")
        .doesNotContain("Edited");

    JsonObject payload = jobs.poll("worker-b");
    assertThat(payload.getString("job_id")).isEqualTo(id);
    assertThat(payload.getString("config_path")).isEqualTo("jobs/" + id + "/config.yaml");
    assertThat(payload.getString("command")).endsWith("--job_id " + id + " --seed 3");
    assertThat(tc.get("/job-info/" + id).bodyAsJsonObject().getString("rerun_of")).isEqualTo(old);
    assertThat(tc.get("/job-info/" + id).bodyAsJsonObject().getString("submitted_by"))
        .isEqualTo("ana");
    assertThat(tc.get("/job-info/" + old).bodyAsJsonObject().getJsonArray("reruns"))
        .containsExactly(id);
    String again =
        tc.post("/jobs/" + old + "/rerun", new JsonObject()).bodyAsJsonObject().getString("job_id");
    assertThat(tc.get("/job-info/" + old).bodyAsJsonObject().getJsonArray("reruns"))
        .containsExactly(id, again);
  }

  @Test
  @DisplayName(
      "a re-run may move to another host; active jobs, unknown jobs and unknown hosts are refused")
  void refusalsAndHostOverride() {
    String pinned = failedJob(new JsonObject().put("target_host", "worker-a"));
    JsonObject moved =
        tc.post("/jobs/" + pinned + "/rerun", new JsonObject().put("target_host", "worker-b"))
            .bodyAsJsonObject();
    assertThat(moved.getString("host")).isEqualTo("worker-b");
    JsonObject same = tc.post("/jobs/" + pinned + "/rerun", null).bodyAsJsonObject();
    assertThat(same.getString("host")).as("pinned jobs stay pinned").isEqualTo("worker-a");

    var running = tc.post("/jobs/" + moved.getString("job_id") + "/rerun", null);
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(running.bodyAsJsonObject().getString("detail")).contains("is queued");
    assertThat(tc.post("/jobs/nope/rerun", null).statusCode()).isEqualTo(404);
    var badHost =
        tc.post("/jobs/" + pinned + "/rerun", new JsonObject().put("target_host", "mars"));
    assertThat(badHost.statusCode()).isEqualTo(400);
    assertThat(
            tc.post("/jobs/" + pinned + "/rerun", new JsonObject().put("config_path", "x.yaml"))
                .statusCode())
        .as("nothing but host and submitter may change")
        .isEqualTo(400);
    assertThat(tc.post("/jobs/..%2f..%2fetc/rerun", null).statusCode()).isBetween(400, 404);
  }
}
