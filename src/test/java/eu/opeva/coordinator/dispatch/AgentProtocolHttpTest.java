package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agent protocol: dispatch rules, fencing, heartbeats")
class AgentProtocolHttpTest extends CoordinatorHttpTest {

  @Test
  @DisplayName("an agent of the existing contract (no attempt, no wait) runs jobs to completion")
  void legacyAgent() {
    String a = jobs.submit();
    String b = jobs.submit();
    for (String expected : new String[] {a, b}) {
      JsonObject job = jobs.poll("local");
      assertThat(job.getString("job_id")).as("FIFO").isEqualTo(expected);
      assertThat(jobs.report(expected, "running", "local", null)).isEqualTo(200);
      assertThat(jobs.report(expected, "running", "local", null))
          .as("repeat is idempotent")
          .isEqualTo(200);
      assertThat(jobs.report(expected, "finished", "local", null)).isEqualTo(200);
      assertThat(tc.get("/status/" + expected).bodyAsJsonObject().getString("status"))
          .isEqualTo("finished");
    }
    assertThat(jobs.poll("local")).isNull();
  }

  @Test
  @DisplayName("reports from another attempt or another worker get 409 and change nothing")
  void fencing() {
    String id = jobs.submit();
    JsonObject first = jobs.poll("worker-a");
    assertThat(first.getInteger("attempt")).isEqualTo(1);
    assertThat(jobs.report(id, "queued", "worker-a", 1))
        .as("worker gives the job back")
        .isEqualTo(200);
    assertThat(root.resolve("queue/" + id + ".json")).exists();
    JsonObject second = jobs.poll("worker-b");
    assertThat(second.getInteger("attempt")).isEqualTo(2);

    assertThat(jobs.report(id, "running", "worker-a", 1)).as("old attempt").isEqualTo(409);
    assertThat(jobs.report(id, "running", "worker-a", null))
        .as("other worker without attempt")
        .isEqualTo(409);
    assertThat(jobs.report(id, "running", "worker-b", 3)).as("future attempt").isEqualTo(409);
    assertThat(tc.get("/status/" + id).bodyAsJsonObject().getString("status"))
        .isEqualTo("dispatched");
    assertThat(jobs.report(id, "running", "worker-b", 2)).isEqualTo(200);
    assertThat(jobs.report(id, "finished", null, null))
        .as("no worker, no attempt: old rules")
        .isEqualTo(200);
    JsonObject status = tc.get("/status/" + id).bodyAsJsonObject();
    assertThat(status.getString("status")).isEqualTo("finished");
    assertThat(status.getInteger("requeue_count")).isEqualTo(1);
    assertThat(status.getInteger("attempt_number")).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "refused transitions are 409, unknown statuses 400, unknown jobs 404; nothing changes")
  void refusedTransitions() throws Exception {
    String id = jobs.submit();
    assertThat(jobs.report(id, "running", "worker-a", null)).as("queued -> running").isEqualTo(409);
    assertThat(jobs.report(id, "finished", null, null)).as("queued -> finished").isEqualTo(409);
    assertThat(jobs.report(id, "dispatched", null, null))
        .as("queued -> dispatched, to no worker: only the coordinator dispatches")
        .isEqualTo(409);
    assertThat(jobs.report(id, "exploded", null, null)).isEqualTo(400);
    assertThat(jobs.report("no-such-job", "running", null, null)).isEqualTo(404);
    assertThat(tc.get("/status/" + id).bodyAsJsonObject().getString("status")).isEqualTo("queued");
    assertThat(root.resolve("queue/" + id + ".json")).exists();
    jobs.poll("worker-a");
    assertThat(jobs.report(id, "finished", "worker-a", 1))
        .as("dispatched -> finished")
        .isEqualTo(409);
    assertThat(jobs.report(id, "running", "worker-a", 1)).isEqualTo(200);
    assertThat(jobs.report(id, "queued", "worker-a", 1)).as("running -> queued").isEqualTo(409);
    assertThat(jobs.report(id, "failed", "worker-a", 1)).isEqualTo(200);
    assertThat(jobs.report(id, "running", "worker-a", 1)).as("terminal is final").isEqualTo(409);
  }

  @Test
  @DisplayName("unknown worker ids get 403 on every agent endpoint")
  void unknownWorkers() {
    String id = jobs.submit();
    var poll = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "intruder"));
    assertThat(poll.statusCode()).isEqualTo(403);
    assertThat(poll.bodyAsJsonObject().getString("detail")).contains("intruder");
    assertThat(
            tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", "intruder"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            tc.post(
                    "/api/agent/job-status",
                    new JsonObject()
                        .put("job_id", id)
                        .put("status", "canceled")
                        .put("worker_id", "intruder"))
                .statusCode())
        .isEqualTo(403);
    assertThat(tc.get("/status/" + id).bodyAsJsonObject().getString("status")).isEqualTo("queued");
  }

  @Test
  @DisplayName(
      "a stop request reaches the worker in its heartbeat reply; the worker confirms stopped")
  void stopThroughHeartbeat() {
    String id = jobs.submit();
    jobs.poll("worker-a");
    jobs.report(id, "running", "worker-a", 1);
    var stop = tc.post("/stop/" + id, null);
    assertThat(stop.bodyAsJsonObject().getString("message"))
        .isEqualTo("Stop requested; worker should terminate the job");
    var hb =
        tc.post(
            "/api/agent/heartbeat",
            new JsonObject()
                .put("worker_id", "worker-a")
                .put("info", new JsonObject().put("version", "1.2")));
    assertThat(hb.bodyAsJsonObject().getJsonArray("stop_job_ids")).containsExactly(id);
    assertThat(
            tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", "worker-b"))
                .bodyAsJsonObject()
                .getJsonArray("stop_job_ids"))
        .isEmpty();
    assertThat(jobs.report(id, "running", "worker-a", 1))
        .as("no running after a stop request")
        .isEqualTo(409);
    assertThat(jobs.report(id, "stopped", "worker-a", 1)).isEqualTo(200);
    assertThat(tc.post("/stop/" + id, null).bodyAsJsonObject().getString("message"))
        .isEqualTo("Job already finished (stopped)");
    JsonObject hosts = tc.get("/hosts").bodyAsJsonObject().getJsonObject("hosts");
    assertThat(hosts.getJsonObject("worker-a").getBoolean("online")).isTrue();
    assertThat(hosts.getJsonObject("worker-a").getJsonObject("info").getString("worker_version"))
        .isEqualTo("1.2");
    assertThat(hosts.getJsonObject("deucalion").getBoolean("online")).isFalse();
  }

  @Test
  @DisplayName("a queued job stopped is canceled and leaves the queue")
  void stopQueued() {
    String id = jobs.submit();
    assertThat(tc.post("/stop/" + id, null).bodyAsJsonObject().getString("message"))
        .isEqualTo("Job canceled from queue");
    assertThat(root.resolve("queue/" + id + ".json")).doesNotExist();
    assertThat(tc.get("/queue").bodyAsJsonArray()).isEmpty();
    assertThat(jobs.poll("worker-a")).isNull();
    assertThat(tc.get("/status/" + id).bodyAsJsonObject().getString("error"))
        .isEqualTo("stop_requested");
  }

  @Test
  @DisplayName(
      "pinned jobs go only to their host; the special host takes only jobs pinned to it, within its slots")
  void pinningAndSlots() {
    String pinned = jobs.submit(new JsonObject().put("target_host", "worker-a"));
    String free = jobs.submit();
    String cpu1 = jobs.submit(new JsonObject().put("target_host", "deucalion"));
    String cpu2 = jobs.submit(new JsonObject().put("target_host", "deucalion"));
    String gpu1 =
        jobs.submit(
            new JsonObject()
                .put("target_host", "deucalion")
                .put(
                    "deucalion_options",
                    new JsonObject().put("partition", "gpu-a100").put("gpus", 1)));
    assertThat(jobs.poll("worker-b").getString("job_id"))
        .as("skips the job pinned to worker-a")
        .isEqualTo(free);
    assertThat(jobs.poll("worker-b")).isNull();
    JsonObject d1 = jobs.poll("deucalion");
    assertThat(d1.getString("job_id")).isEqualTo(cpu1);
    assertThat(d1.getJsonObject("env").getString("MLFLOW_TRACKING_URI"))
        .isEqualTo("file:/data/mlflow/mlruns");
    JsonObject d2 = jobs.poll("deucalion");
    assertThat(d2.getString("job_id")).as("cpu slot full: the gpu job").isEqualTo(gpu1);
    assertThat(d2.getJsonObject("deucalion_options").getInteger("gpus")).isEqualTo(1);
    assertThat(jobs.poll("deucalion")).isNull();
    JsonObject info =
        tc.get("/hosts")
            .bodyAsJsonObject()
            .getJsonObject("hosts")
            .getJsonObject("deucalion")
            .getJsonObject("info");
    assertThat(info.getInteger("max_active_jobs")).isEqualTo(2);
    assertThat(info.getJsonObject("active_job_count_by_profile"))
        .isEqualTo(new JsonObject().put("cpu", 1).put("gpu", 1));
    assertThat(info.getJsonObject("active_job_ids_by_profile").getJsonArray("cpu"))
        .containsExactly(cpu1);
    assertThat(jobs.report(cpu1, "running", "deucalion", null)).isEqualTo(200);
    assertThat(jobs.report(cpu1, "finished", "deucalion", null)).isEqualTo(200);
    assertThat(jobs.poll("deucalion").getString("job_id")).as("slot freed").isEqualTo(cpu2);
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(pinned);
    JsonArray queue = tc.get("/queue").bodyAsJsonArray();
    assertThat(queue).isEmpty();
  }

  @Test
  @DisplayName("resources.gpus puts a job in the gpu profile, so GPU slots apply to it")
  void gpuProfileFromResources() {
    String gpu1 =
        jobs.submit(
            new JsonObject()
                .put("target_host", "deucalion")
                .put("resources", new JsonObject().put("gpus", 1)));
    String gpu2 =
        jobs.submit(
            new JsonObject()
                .put("target_host", "deucalion")
                .put("resources", new JsonObject().put("gpus", 2)));
    String cpu =
        jobs.submit(
            new JsonObject()
                .put("target_host", "deucalion")
                .put("resources", new JsonObject().put("gpus", 0)));
    assertThat(jobs.poll("deucalion").getString("job_id")).isEqualTo(gpu1);
    assertThat(jobs.poll("deucalion").getString("job_id"))
        .as("gpu slot taken: the cpu job")
        .isEqualTo(cpu);
    assertThat(jobs.poll("deucalion")).isNull();
    assertThat(
            tc.get("/hosts")
                .bodyAsJsonObject()
                .getJsonObject("hosts")
                .getJsonObject("deucalion")
                .getJsonObject("info")
                .getJsonObject("active_job_ids_by_profile")
                .getJsonArray("gpu"))
        .containsExactly(gpu1);
    assertThat(jobs.report(gpu1, "failed", "deucalion", 1)).isEqualTo(200);
    assertThat(jobs.poll("deucalion").getString("job_id")).isEqualTo(gpu2);
  }

  @Test
  @DisplayName("deucalion_options are refused for hosts without scheduler options")
  void schedulerOptionsOnlyForSchedulerHosts() {
    var r =
        tc.post(
            "/run-simulation",
            new JsonObject()
                .put("config_path", "demo.yaml")
                .put("target_host", "worker-a")
                .put("deucalion_options", new JsonObject().put("partition", "normal")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail"))
        .contains("deucalion_options are only allowed when target_host is 'deucalion'");
  }
}
