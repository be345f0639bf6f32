package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Pipelines, waiting jobs, retries and priorities survive a kill -9 exactly")
class SchedulingKillRestartTest {
  private static JsonObject call(CoordinatorProcess c, String method, String path, JsonObject body)
      throws Exception {
    var r = c.call(method, path, body == null ? null : body.encode());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    return r.body() == null || r.body().isBlank() ? new JsonObject() : new JsonObject(r.body());
  }

  private static JsonObject poll(CoordinatorProcess c, String worker) throws Exception {
    var r =
        c.call("POST", "/api/agent/next-job", new JsonObject().put("worker_id", worker).encode());
    return r.statusCode() == 204 ? null : new JsonObject(r.body());
  }

  private static void report(
      CoordinatorProcess c, String id, String worker, int attempt, String status, Integer exit)
      throws Exception {
    JsonObject body =
        new JsonObject()
            .put("job_id", id)
            .put("worker_id", worker)
            .put("attempt", attempt)
            .put("status", status);
    if (exit != null) {
      body.put("exit_code", exit).put("error", "exit code " + exit);
    }
    call(c, "POST", "/api/agent/job-status", body);
  }

  private static String status(CoordinatorProcess c, String id) throws Exception {
    return call(c, "GET", "/status/" + id, null).getString("status");
  }

  @Test
  @DisplayName(
      "after a SIGKILL: the pipeline goes on in order, the waiting job still waits, the retry keeps its not_before, the queue its priority order")
  void schedulingSurvivesKill(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n  run_name: R\n");
    try (CoordinatorProcess c = new CoordinatorProcess(root, Map.of()).start()) {
      JsonArray stages = new JsonArray();
      for (String[] s : new String[][] {{"fetch"}, {"simulate", "fetch"}, {"score", "simulate"}}) {
        JsonArray deps = new JsonArray();
        for (int i = 1; i < s.length; i++) {
          deps.add(s[i]);
        }
        stages.add(
            new JsonObject()
                .put("key", s[0])
                .put("config_path", "demo.yaml")
                .put("target_host", "worker-a")
                .put("depends_on", deps));
      }
      JsonObject pipeline =
          call(c, "POST", "/pipelines", new JsonObject().put("name", "p").put("jobs", stages));
      String pid = pipeline.getString("pipeline_id");
      JsonObject ids = pipeline.getJsonObject("jobs");

      JsonObject retry =
          new JsonObject()
              .put("max_attempts", 3)
              .put("backoff_seconds", 3600)
              .put("on", new JsonArray().add("exit_code"));
      String retried =
          call(
                  c,
                  "POST",
                  "/run-simulation",
                  new JsonObject()
                      .put("config_path", "demo.yaml")
                      .put("target_host", "local")
                      .put("retry", retry))
              .getString("job_id");
      JsonObject first = poll(c, "local");
      assertThat(first.getString("job_id")).isEqualTo(retried);
      report(c, retried, "local", 1, "running", null);
      report(c, retried, "local", 1, "failed", 3);
      JsonObject before = call(c, "GET", "/status/" + retried, null);
      assertThat(before.getString("status")).isEqualTo("queued");
      assertThat(before.getValue("not_before")).isNotNull();

      String low =
          call(
                  c,
                  "POST",
                  "/run-simulation",
                  new JsonObject()
                      .put("config_path", "demo.yaml")
                      .put("target_host", "worker-b")
                      .put("priority", -10))
              .getString("job_id");
      String high =
          call(
                  c,
                  "POST",
                  "/run-simulation",
                  new JsonObject()
                      .put("config_path", "demo.yaml")
                      .put("target_host", "worker-b")
                      .put("priority", 10))
              .getString("job_id");

      c.kill();
      Files.deleteIfExists(root.resolve("job_track.json"));
      c.start();

      assertThat(call(c, "GET", "/pipelines/" + pid, null).getString("status"))
          .isEqualTo("running");
      assertThat(status(c, ids.getString("simulate"))).isEqualTo("waiting");
      JsonObject after = call(c, "GET", "/status/" + retried, null);
      assertThat(after.getValue("not_before")).isEqualTo(before.getValue("not_before"));
      assertThat(poll(c, "local")).as("the retry's backoff runs on after the restart").isNull();
      assertThat(poll(c, "worker-b").getString("job_id")).isEqualTo(high);
      assertThat(poll(c, "worker-b").getString("job_id")).isEqualTo(low);

      JsonObject fetch = poll(c, "worker-a");
      assertThat(fetch.getString("job_id")).isEqualTo(ids.getString("fetch"));
      report(c, fetch.getString("job_id"), "worker-a", 1, "running", null);
      report(c, fetch.getString("job_id"), "worker-a", 1, "finished", null);
      c.kill();
      c.start();
      assertThat(status(c, ids.getString("simulate"))).isEqualTo("queued");
      JsonObject simulate = poll(c, "worker-a");
      assertThat(simulate.getString("job_id")).isEqualTo(ids.getString("simulate"));
      report(c, simulate.getString("job_id"), "worker-a", 1, "running", null);
      report(c, simulate.getString("job_id"), "worker-a", 1, "failed", 1);
      c.kill();
      c.start();
      JsonObject score = call(c, "GET", "/status/" + ids.getString("score"), null);
      assertThat(score.getString("status")).isEqualTo("canceled");
      assertThat(score.getString("error")).isEqualTo("dependency_failed");
      assertThat(call(c, "GET", "/pipelines/" + pid, null).getString("status")).isEqualTo("failed");
    }
  }

  @Test
  @DisplayName(
      "a pipeline creation cut short by a crash is undone at start: none of its jobs exists")
  void creationCutShortIsUndone(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n  run_name: R\n");
    String pid;
    JsonObject ids;
    try (CoordinatorProcess c = new CoordinatorProcess(root, Map.of()).start()) {
      JsonArray stages =
          new JsonArray()
              .add(new JsonObject().put("key", "a").put("config_path", "demo.yaml"))
              .add(
                  new JsonObject()
                      .put("key", "b")
                      .put("config_path", "demo.yaml")
                      .put("depends_on", new JsonArray().add("a")));
      JsonObject created = call(c, "POST", "/pipelines", new JsonObject().put("jobs", stages));
      pid = created.getString("pipeline_id");
      ids = created.getJsonObject("jobs");
      c.kill();
    }
    // What a crash between the jobs' writes and the pipeline's commit leaves: the pipeline file
    // still naming its jobs as pending (the jobs' own files are all there).
    Path file = root.resolve("pipelines/" + pid + ".json");
    JsonObject doc = new JsonObject(Files.readString(file));
    doc.put(
        "pending",
        new JsonObject()
            .put("creation", true)
            .put("jobs", ids)
            .put("config_files", new JsonArray()));
    Files.writeString(file, doc.encodePrettily());
    assertThat(root.resolve("jobs/" + ids.getString("a") + "/status.json")).exists();
    try (CoordinatorProcess c = new CoordinatorProcess(root, Map.of()).start()) {
      assertThat(c.call("GET", "/pipelines/" + pid, null).statusCode()).isEqualTo(404);
      for (String key : ids.fieldNames()) {
        assertThat(c.call("GET", "/status/" + ids.getString(key), null).statusCode())
            .isEqualTo(404);
        assertThat(root.resolve("jobs/" + ids.getString(key))).doesNotExist();
      }
      assertThat(root.resolve("queue/" + ids.getString("a") + ".json")).doesNotExist();
      assertThat(file).doesNotExist();
      assertThat(poll(c, "worker-a")).isNull();
    }
  }
}
