package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pipelines: checked whole, created in one step, run in order, canceled and re-run")
class PipelineHttpTest extends CoordinatorHttpTest {

  private static JsonObject node(String key, String... deps) {
    return new JsonObject()
        .put("key", key)
        .put("config_path", "demo.yaml")
        .put("depends_on", new JsonArray(List.of(deps)));
  }

  /** fetch -> simulate -> score, all on worker-a. */
  private JsonObject threeStages() {
    return new JsonObject()
        .put("name", "leaderboard")
        .put(
            "jobs",
            new JsonArray()
                .add(node("score", "simulate").put("target_host", "worker-a"))
                .add(node("fetch").put("target_host", "worker-a"))
                .add(node("simulate", "fetch").put("target_host", "worker-a")));
  }

  private Map<String, Object> create(JsonObject pipeline) {
    var r = tc.post("/pipelines", pipeline);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("pipeline_id")).isNotBlank();
    return body.getMap();
  }

  private JsonObject pipeline(String id) {
    return tc.get("/pipelines/" + id).bodyAsJsonObject();
  }

  private String runOne(String worker, String status) {
    JsonObject payload = jobs.poll(worker);
    assertThat(payload).as("a job for " + worker).isNotNull();
    String id = payload.getString("job_id");
    assertThat(jobs.report(id, "running", worker, payload.getInteger("attempt"))).isEqualTo(200);
    assertThat(jobs.report(id, status, worker, payload.getInteger("attempt"))).isEqualTo(200);
    return id;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> jobIds(Map<String, Object> created) {
    return (Map<String, String>) created.get("jobs");
  }

  @Test
  @DisplayName("a three-stage pipeline runs in order and is finished when its last job is")
  void runsInOrder() {
    Map<String, Object> created = create(threeStages());
    Map<String, String> ids = jobIds(created);
    String pid = (String) created.get("pipeline_id");
    assertThat(jobs.state(ids.get("fetch"))).isEqualTo("queued");
    assertThat(jobs.state(ids.get("simulate"))).isEqualTo("waiting");
    assertThat(jobs.state(ids.get("score"))).isEqualTo("waiting");
    assertThat(pipeline(pid).getString("status")).isEqualTo("running");

    assertThat(runOne("worker-a", "finished")).isEqualTo(ids.get("fetch"));
    assertThat(jobs.poll("worker-b")).isNull();
    assertThat(runOne("worker-a", "finished")).isEqualTo(ids.get("simulate"));
    assertThat(runOne("worker-a", "finished")).isEqualTo(ids.get("score"));

    JsonObject view = pipeline(pid);
    assertThat(view.getString("status")).isEqualTo("finished");
    assertThat(view.getString("name")).isEqualTo("leaderboard");
    assertThat(view.getJsonArray("nodes"))
        .extracting(
            n -> ((JsonObject) n).getString("key") + ":" + ((JsonObject) n).getString("status"))
        .containsExactlyInAnyOrder("fetch:finished", "simulate:finished", "score:finished");
    assertThat(view.getJsonArray("edges"))
        .extracting(
            e -> ((JsonObject) e).getString("from") + ">" + ((JsonObject) e).getString("to"))
        .containsExactlyInAnyOrder("fetch>simulate", "simulate>score");
    assertThat(tc.get("/pipelines").bodyAsJsonObject().getJsonArray("pipelines"))
        .extracting(p -> ((JsonObject) p).getString("pipeline_id"))
        .containsExactly(pid);
    JsonObject info = tc.get("/job-info/" + ids.get("simulate")).bodyAsJsonObject();
    assertThat(info.getString("pipeline_id")).isEqualTo(pid);
    assertThat(info.getString("pipeline_key")).isEqualTo("simulate");
    assertThat(root.resolve("pipelines/" + pid + ".json")).exists();
  }

  @Test
  @DisplayName("a failure cancels everything downstream, and the pipeline is failed")
  void failureCancelsDownstream() {
    Map<String, Object> created = create(threeStages());
    Map<String, String> ids = jobIds(created);
    runOne("worker-a", "failed");
    assertThat(jobs.status(ids.get("simulate")).getString("error")).isEqualTo("dependency_failed");
    JsonObject score = jobs.status(ids.get("score"));
    assertThat(score.getString("status")).isEqualTo("canceled");
    assertThat(score.getJsonObject("details").getString("dependency"))
        .isEqualTo(ids.get("simulate"));
    assertThat(pipeline((String) created.get("pipeline_id")).getString("status"))
        .isEqualTo("failed");
  }

  @Test
  @DisplayName("all_done runs a job after a failed dependency")
  void allDoneRunsAfterFailure() {
    JsonObject p =
        new JsonObject()
            .put(
                "jobs",
                new JsonArray()
                    .add(node("train").put("target_host", "worker-a"))
                    .add(
                        node("report", "train")
                            .put("run_if", "all_done")
                            .put("target_host", "worker-a")));
    Map<String, String> ids = jobIds(create(p));
    runOne("worker-a", "failed");
    assertThat(jobs.state(ids.get("report"))).isEqualTo("queued");
  }

  @Test
  @DisplayName(
      "a cycle, an unknown key, a duplicate key or a bad job are 400 naming it, and create nothing")
  void badGraphs() throws Exception {
    var before = DirectoryDigest.of(root);
    Map<JsonObject, String> cases =
        Map.of(
            new JsonObject()
                .put(
                    "jobs",
                    new JsonArray().add(node("a", "c")).add(node("b", "a")).add(node("c", "b"))),
            "cycle: ",
            new JsonObject().put("jobs", new JsonArray().add(node("a")).add(node("b", "ghost"))),
            "'b' depends on unknown key 'ghost'",
            new JsonObject().put("jobs", new JsonArray().add(node("a")).add(node("a"))),
            "duplicate keys: a",
            new JsonObject()
                .put(
                    "jobs",
                    new JsonArray()
                        .add(node("a"))
                        .add(node("b", "a").put("config_path", "missing.yaml"))),
            "job 'b': Config missing.yaml not found",
            new JsonObject().put("jobs", new JsonArray().add(node("a").put("priority", 500))),
            "priority",
            new JsonObject().put("jobs", new JsonArray().add(node("a", "a"))),
            "cycle: a -> a");
    for (var c : cases.entrySet()) {
      var r = tc.post("/pipelines", c.getKey());
      // A config that does not exist is a 404, as for /run-simulation; the rest are 400.
      int expected = c.getValue().startsWith("job 'b'") ? 404 : 400;
      assertThat(r.statusCode())
          .as(c.getKey().encode() + " -> " + r.bodyAsString())
          .isEqualTo(expected);
      assertThat(r.bodyAsJsonObject().getString("detail")).contains(c.getValue());
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(tc.get("/pipelines").bodyAsJsonObject().getInteger("total")).isZero();
  }

  @Test
  @DisplayName("re-run without force skips finished predecessors; with force re-runs them too")
  void rerun() {
    Map<String, Object> created = create(threeStages());
    String pid = (String) created.get("pipeline_id");
    Map<String, String> first = jobIds(created);
    runOne("worker-a", "finished");
    runOne("worker-a", "finished");
    runOne("worker-a", "failed");

    var plain =
        tc.post(
            "/pipelines/" + pid + "/rerun",
            new JsonObject().put("jobs", new JsonArray().add("score")));
    assertThat(plain.statusCode()).as(plain.bodyAsString()).isEqualTo(200);
    JsonObject answer = plain.bodyAsJsonObject();
    assertThat(answer.getJsonObject("jobs").fieldNames()).containsExactly("score");
    assertThat(answer.getJsonArray("skipped")).containsExactly("simulate");
    String newScore = answer.getJsonObject("jobs").getString("score");
    assertThat(jobs.state(newScore)).as("its dependency already finished").isEqualTo("queued");
    JsonObject info = tc.get("/job-info/" + newScore).bodyAsJsonObject();
    assertThat(info.getString("rerun_of")).isEqualTo(first.get("score"));
    assertThat(info.getJsonArray("depends_on")).containsExactly(first.get("simulate"));
    runOne("worker-a", "finished");
    JsonObject view = pipeline(pid);
    assertThat(view.getString("status")).isEqualTo("finished");

    var forced =
        tc.post(
                "/pipelines/" + pid + "/rerun",
                new JsonObject().put("jobs", new JsonArray().add("score")).put("force", true))
            .bodyAsJsonObject();
    assertThat(forced.getJsonObject("jobs").fieldNames())
        .containsExactlyInAnyOrder("fetch", "simulate", "score");
    assertThat(forced.getJsonArray("skipped")).isEmpty();
    Map<String, String> now = new java.util.HashMap<>();
    forced.getJsonObject("jobs").forEach(e -> now.put(e.getKey(), (String) e.getValue()));
    assertThat(jobs.state(now.get("fetch"))).isEqualTo("queued");
    assertThat(jobs.state(now.get("simulate"))).isEqualTo("waiting");
    JsonObject node =
        pipeline(pid).getJsonArray("nodes").stream()
            .map(o -> (JsonObject) o)
            .filter(n -> n.getString("key").equals("score"))
            .findFirst()
            .orElseThrow();
    assertThat(node.getString("job_id")).isEqualTo(now.get("score"));
    assertThat(node.getJsonArray("previous_job_ids")).containsExactly(first.get("score"), newScore);
    assertThat(
            tc.post("/pipelines/" + pid + "/rerun", new JsonObject().put("jobs", "ALL"))
                .statusCode())
        .as("its jobs have not ended")
        .isEqualTo(409);
    assertThat(
            tc.post(
                    "/pipelines/" + pid + "/rerun",
                    new JsonObject().put("jobs", new JsonArray().add("nope")))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  @DisplayName(
      "re-run of a failed middle job takes its unfinished predecessor along, not the finished one")
  void rerunTakesUnfinishedPredecessors() {
    Map<String, Object> created = create(threeStages());
    String pid = (String) created.get("pipeline_id");
    runOne("worker-a", "finished");
    runOne("worker-a", "failed");
    var answer =
        tc.post(
                "/pipelines/" + pid + "/rerun",
                new JsonObject().put("jobs", new JsonArray().add("score")))
            .bodyAsJsonObject();
    assertThat(answer.getJsonObject("jobs").fieldNames())
        .containsExactlyInAnyOrder("simulate", "score");
    assertThat(answer.getJsonArray("skipped")).containsExactly("fetch");
  }

  @Test
  @DisplayName("cancel ends what has not ended; the pipeline is canceled")
  void cancel() {
    Map<String, Object> created = create(threeStages());
    String pid = (String) created.get("pipeline_id");
    Map<String, String> ids = jobIds(created);
    jobs.poll("worker-a");
    jobs.report(ids.get("fetch"), "running", "worker-a");
    JsonObject answer =
        tc.post("/pipelines/" + pid + "/cancel", new JsonObject()).bodyAsJsonObject();
    assertThat(answer.getJsonObject("jobs").fieldNames())
        .containsExactlyInAnyOrder("fetch", "simulate", "score");
    assertThat(jobs.state(ids.get("fetch"))).isEqualTo("stop_requested");
    assertThat(jobs.state(ids.get("simulate"))).isEqualTo("canceled");
    jobs.report(ids.get("fetch"), "stopped", "worker-a");
    assertThat(pipeline(pid).getString("status")).isEqualTo("canceled");
    assertThat(tc.get("/pipelines/nope").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("a pipeline and its waiting jobs survive a restart, and go on after it")
  void survivesRestart() {
    Map<String, Object> created = create(threeStages());
    String pid = (String) created.get("pipeline_id");
    Map<String, String> ids = jobIds(created);
    tc.restart();
    assertThat(pipeline(pid).getString("status")).isEqualTo("running");
    runOne("worker-a", "finished");
    assertThat(jobs.state(ids.get("simulate"))).isEqualTo("queued");
  }
}
