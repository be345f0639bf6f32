package eu.opeva.coordinator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operator controls act on every state or answer 4xx, and record who and why")
class OpsHttpTest extends CoordinatorHttpTest {
  static final List<String> STATES =
      List.of(
          "dispatched",
          "running",
          "stop_requested",
          "finished",
          "failed",
          "stopped",
          "unknown",
          "canceled",
          "queued");

  /** A new job brought to {@code state}; the queue must be empty before the call. */
  String jobIn(String state) {
    String id = jobs.submit();
    if (state.equals("queued")) {
      return id;
    }
    if (state.equals("canceled")) {
      tc.post("/stop/" + id, null);
      return id;
    }
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(id);
    switch (state) {
      case "running" -> jobs.report(id, "running", "worker-a");
      case "stop_requested" -> {
        jobs.report(id, "running", "worker-a");
        tc.post("/stop/" + id, null);
      }
      case "finished", "failed" -> {
        jobs.report(id, "running", "worker-a");
        jobs.report(id, state, "worker-a");
      }
      case "stopped" -> {
        jobs.report(id, "running", "worker-a");
        tc.post("/stop/" + id, null);
        jobs.report(id, "stopped", "worker-a");
      }
      case "unknown" -> recordedAsUnknown(id);
      default -> {}
    }
    assertThat(jobs.state(id)).isEqualTo(state);
    return id;
  }

  /**
   * Only files of older versions say {@code unknown} (no agent may report it): the job's {@code
   * status.json} is rewritten so while the coordinator is down, and read back when it starts.
   */
  void recordedAsUnknown(String id) {
    tc.stopCoordinator();
    try {
      Path file = jobs.jobDir(id).resolve("status.json");
      Files.writeString(
          file, new JsonObject(Files.readString(file)).put("status", "unknown").encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tc.startCoordinator();
  }

  /** Runs one action on a job in every state and checks the status code and resulting state. */
  void matrix(String action, boolean force, Map<String, Integer> codes, String endState) {
    for (String state : STATES) {
      String id = jobIn(state);
      var r =
          tc.post(
              "/ops/jobs/" + id + "/" + action,
              new JsonObject()
                  .put("force", force)
                  .put("operator", "olga")
                  .put("reason", "testing " + action));
      int expected = codes.getOrDefault(state, 200);
      assertThat(r.statusCode())
          .as(action + " on " + state + " force=" + force + ": " + r.bodyAsString())
          .isEqualTo(expected);
      JsonObject status = jobs.status(id);
      if (expected == 200) {
        assertThat(status.getString("status")).as(action + " on " + state).isEqualTo(endState);
        assertThat(status.getString("ops_by")).isEqualTo("olga");
        assertThat(status.getString("ops_reason")).isEqualTo("testing " + action);
        assertThat(status.getString("ops_action")).isEqualTo(action);
      } else {
        assertThat(status.getString("status")).as("refused: unchanged").isEqualTo(state);
        assertThat(r.bodyAsJsonObject().getString("detail")).isNotBlank();
      }
      // Leave the queue empty for the next state.
      if (tc.get("/queue").bodyAsJsonArray().size() > 0) {
        tc.post("/ops/jobs/" + id + "/cancel", new JsonObject().put("force", true));
      }
    }
  }

  @Test
  @DisplayName(
      "requeue: 409 for finished, running, stop_requested and unknown without force; force always works")
  void requeue() {
    matrix(
        "requeue",
        false,
        Map.of("finished", 409, "running", 409, "stop_requested", 409, "unknown", 409),
        "queued");
    matrix("requeue", true, Map.of(), "queued");
  }

  @Test
  @DisplayName("fail: only active jobs without force; force fails anything")
  void fail() {
    matrix(
        "fail",
        false,
        Map.of(
            "queued",
            409,
            "finished",
            409,
            "failed",
            409,
            "stopped",
            409,
            "canceled",
            409,
            "unknown",
            409),
        "failed");
    matrix("fail", true, Map.of(), "failed");
  }

  @Test
  @DisplayName("cancel: anything not ended without force; force cancels anything")
  void cancel() {
    matrix(
        "cancel",
        false,
        Map.of("finished", 409, "failed", 409, "stopped", 409, "canceled", 409, "unknown", 409),
        "canceled");
    matrix("cancel", true, Map.of(), "canceled");
  }

  @Test
  @DisplayName("ops stop follows /stop on every state and answers with job_id and status")
  void stopOnEveryState() {
    Map<String, String> expected =
        Map.of(
            "queued",
            "canceled",
            "dispatched",
            "stop_requested",
            "running",
            "stop_requested",
            "stop_requested",
            "stop_requested",
            "finished",
            "finished",
            "failed",
            "failed",
            "stopped",
            "stopped",
            "canceled",
            "canceled",
            "unknown",
            "unknown");
    for (String state : STATES) {
      String id = jobIn(state);
      var r = tc.post("/ops/jobs/" + id + "/stop", new JsonObject().put("reason", "maintenance"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("job_id")).isEqualTo(id);
      assertThat(r.bodyAsJsonObject().getString("status")).as(state).isEqualTo(expected.get(state));
    }
    var body = tc.post("/ops/jobs/" + jobIn("running") + "/stop", null).bodyAsJsonObject();
    assertThat(body.getString("message"))
        .isEqualTo("Stop requested; worker should terminate the job");
    assertThat(jobs.status(body.getString("job_id")).getString("stop_reason"))
        .isEqualTo("ops_stop");
  }

  @Test
  @DisplayName(
      "a forced requeue of a running job fences its old worker out and clears runtime fields")
  void forcedRequeueFencesOldWorker() throws Exception {
    String id = jobIn("running");
    tc.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", id)
            .put("status", "running")
            .put("worker_id", "worker-a")
            .put("container_id", "c-1"));
    var r =
        tc.post(
            "/ops/jobs/" + id + "/requeue",
            new JsonObject().put("force", true).put("preferred_host", "worker-b"));
    assertThat(r.bodyAsJsonObject().getString("message")).isEqualTo("Job requeued");
    assertThat(
            tc.post(
                    "/api/agent/job-status",
                    new JsonObject()
                        .put("job_id", id)
                        .put("status", "finished")
                        .put("worker_id", "worker-a")
                        .put("attempt", 1))
                .statusCode())
        .isEqualTo(409);
    JsonObject status = jobs.status(id);
    assertThat(status.getString("status")).isEqualTo("queued");
    assertThat(status.getBoolean("requeued_by_ops")).isTrue();
    assertThat(status.getString("requeued_from")).isEqualTo("worker-a");
    assertThat(status.containsKey("container_id")).isFalse();
    assertThat(
            tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"))
                .statusCode())
        .as("unpinned requeue keeps require_host false: anyone may take it")
        .isEqualTo(200);
    assertThat(
            new JsonObject(Files.readString(root.resolve("jobs/" + id + "/job_info.json")))
                .containsKey("container_id"))
        .isFalse();
    assertThat(
            tc.post("/ops/jobs/" + id + "/requeue", new JsonObject().put("preferred_host", "mars"))
                .statusCode())
        .isEqualTo(400);
    assertThat(tc.post("/ops/jobs/nope/requeue", null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "force: null (the contract allows it) is no force on requeue, fail, cancel and the queue"
          + " cleanup, never a 500")
  void forceNull() {
    String finished = jobIn("finished");
    for (String action : List.of("requeue", "fail", "cancel")) {
      var r = tc.post("/ops/jobs/" + finished + "/" + action, new JsonObject().putNull("force"));
      assertThat(r.statusCode()).as(action + ": " + r.bodyAsString()).isEqualTo(409);
    }
    assertThat(jobs.state(finished)).isEqualTo("finished");
    String queued = jobIn("queued");
    var cleanup = tc.post("/ops/queue/cleanup", new JsonObject().putNull("force"));
    assertThat(cleanup.statusCode()).as(cleanup.bodyAsString()).isEqualTo(200);
    assertThat(cleanup.bodyAsJsonObject().getJsonArray("removed")).isEmpty();
    assertThat(jobs.state(queued)).isEqualTo("queued");
  }

  @Test
  @DisplayName(
      "queue cleanup removes only orphans; force cancels queued jobs but keeps live claims and locks")
  void queueCleanup() throws Exception {
    String dispatched = jobIn("dispatched");
    String queued = jobIn("queued");
    Path q = root.resolve("queue");
    Files.writeString(q.resolve("ghost.json"), "{\"job_id\":\"ghost\"}");
    Files.writeString(q.resolve(dispatched + ".json.claim.worker-b"), "{}");
    Files.writeString(q.resolve(".dispatch.worker-a.lock"), "");
    JsonObject r = tc.post("/ops/queue/cleanup", new JsonObject()).bodyAsJsonObject();
    assertThat(r.getJsonArray("removed")).containsExactlyInAnyOrder("ghost", dispatched);
    assertThat(q.resolve(dispatched + ".json.claim.worker-a")).exists();
    assertThat(q.resolve(queued + ".json")).exists();
    JsonObject forced =
        tc.post("/ops/queue/cleanup", new JsonObject().put("force", true)).bodyAsJsonObject();
    assertThat(forced.getJsonArray("removed")).containsExactly(queued);
    assertThat(q.resolve(queued + ".json")).doesNotExist();
    assertThat(q.resolve(dispatched + ".json.claim.worker-a")).as("live claim kept").exists();
    assertThat(q.resolve(".dispatch.worker-a.lock")).as("lock files are never touched").exists();
    assertThat(jobs.state(queued)).isEqualTo("canceled");
  }

  @Test
  @DisplayName(
      "jobs cleanup deletes ended jobs and orphan folders, keeps active, queued and listed jobs")
  void jobsCleanup() throws Exception {
    String running = jobIn("running");
    String finished = jobIn("finished");
    String keptFailed = jobIn("failed");
    String queued = jobIn("queued");
    Path orphan = root.resolve("jobs/orphan-1");
    Files.createDirectories(orphan.resolve("logs"));
    Path activeOrphan = root.resolve("jobs/orphan-2");
    Files.createDirectories(activeOrphan);
    Files.writeString(activeOrphan.resolve("status.json"), "{\"status\":\"running\"}");
    Path notAJob = root.resolve("jobs/notes");
    Files.createDirectories(notAJob);
    JsonObject r =
        tc.post("/ops/jobs/cleanup", new JsonObject().put("keep", new JsonArray().add(keptFailed)))
            .bodyAsJsonObject();
    assertThat(r.getJsonArray("removed")).containsExactly(finished);
    assertThat(r.getJsonArray("removed_dirs")).containsExactly(finished);
    assertThat(r.getJsonArray("orphan_removed")).containsExactly("orphan-1");
    assertThat(r.getJsonArray("active_kept")).containsExactlyInAnyOrder(running, queued);
    assertThat(r.getJsonArray("kept")).containsExactlyInAnyOrder(running, keptFailed, queued);
    assertThat(r.getInteger("count")).isEqualTo(1);
    assertThat(root.resolve("jobs/" + finished)).doesNotExist();
    assertThat(activeOrphan).exists();
    assertThat(notAJob).exists();
    assertThat(tc.get("/status/" + finished).statusCode()).isEqualTo(404);
    assertThat(tc.get("/jobs").bodyAsJsonArray()).hasSize(3);
  }

  @Test
  @DisplayName("jobs cleanup with keep: null (the contract allows it) keeps no more, never a 500")
  void jobsCleanupKeepNull() {
    String running = jobIn("running");
    String finished = jobIn("finished");
    var r = tc.post("/ops/jobs/cleanup", new JsonObject().putNull("keep"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("removed")).containsExactly(finished);
    assertThat(r.bodyAsJsonObject().getJsonArray("kept")).containsExactly(running);
  }
}
