package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A job goes through its whole life over HTTP")
class JobLifecycleHttpTest extends CoordinatorHttpTest {

  @Test
  @DisplayName("submit, dispatch, running, finished: status, files and counters agree")
  void wholeLifecycle() throws Exception {
    var submitted =
        tc.post(
            "/run-simulation",
            new JsonObject()
                .put("config_path", "configs/demo.yaml")
                .put("target_host", "worker-a")
                .put("submitted_by", "ana"));
    assertThat(submitted.statusCode()).isEqualTo(200);
    JsonObject body = submitted.bodyAsJsonObject();
    String id = body.getString("job_id");
    assertThat(body.getString("status")).isEqualTo("queued");
    assertThat(body.getString("host")).isEqualTo("worker-a");
    assertThat(body.getString("job_name")).isEqualTo("Demo-Run1");
    assertThat(body.getString("image")).isEqualTo("calof/opeva_simulator:latest");
    assertThat(root.resolve("queue/" + id + ".json")).exists();
    JsonObject queued = new JsonObject(Files.readString(root.resolve("queue/" + id + ".json")));
    assertThat(queued.getBoolean("require_host")).isTrue();
    assertThat(queued.getString("preferred_host")).isEqualTo("worker-a");

    assertThat(
            tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-b"))
                .statusCode())
        .isEqualTo(204);
    var poll = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"));
    assertThat(poll.statusCode()).isEqualTo(200);
    JsonObject payload = poll.bodyAsJsonObject();
    assertThat(payload.getString("job_id")).isEqualTo(id);
    assertThat(payload.getInteger("attempt")).isEqualTo(1);
    assertThat(payload.getString("command"))
        .isEqualTo("--config /data/jobs/" + id + "/config.yaml --job_id " + id);
    assertThat(payload.getString("source_config_path")).isEqualTo("configs/demo.yaml");
    assertThat(payload.getString("container_name"))
        .as("the attempt is part of the name")
        .isEqualTo("opeva_job_Demo-Run1_" + id.substring(0, 8) + "_1");
    assertThat(payload.getJsonArray("volumes").getJsonObject(0).getString("host"))
        .isEqualTo(root.toString());
    assertThat(payload.getJsonObject("env").getString("OPEVA_JOB_NAME")).isEqualTo("Demo-Run1");
    assertThat(root.resolve("queue/" + id + ".json")).doesNotExist();
    assertThat(root.resolve("queue/" + id + ".json.claim.worker-a")).exists();
    assertThat(jobs.state(id)).isEqualTo("dispatched");

    clock.advance(Duration.ofSeconds(5));
    var running =
        tc.post(
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", id)
                .put("status", "running")
                .put("worker_id", "worker-a")
                .put("container_id", "c-123")
                .put("attempt", 1));
    assertThat(running.statusCode()).isEqualTo(200);
    assertThat(root.resolve("queue/" + id + ".json.claim.worker-a")).doesNotExist();
    clock.advance(Duration.ofSeconds(60));
    var finished =
        tc.post(
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", id)
                .put("status", "finished")
                .put("worker_id", "worker-a")
                .put("exit_code", 0)
                .put("attempt", 1));
    assertThat(finished.statusCode()).isEqualTo(200);

    JsonObject status = jobs.status(id);
    assertThat(status.getString("status")).isEqualTo("finished");
    assertThat(status.getInteger("exit_code")).isZero();
    assertThat(status.getString("container_id")).as("kept across writes").isEqualTo("c-123");
    JsonObject onDisk =
        new JsonObject(Files.readString(root.resolve("jobs/" + id + "/status.json")));
    assertThat(onDisk.getString("status")).isEqualTo("finished");

    JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
    assertThat(info.getString("target_host")).isEqualTo("worker-a");
    assertThat(info.getString("container_id")).isEqualTo("c-123");
    assertThat(info.getDouble("queue_wait_seconds")).isEqualTo(5.0);
    assertThat(info.getDouble("run_duration_seconds")).isEqualTo(60.0);
    assertThat(info.getDouble("total_duration_seconds")).isEqualTo(65.0);
    assertThat(info.getInteger("attempt_number")).isEqualTo(1);
    assertThat(info.getInteger("requeue_count")).isZero();

    JsonArray jobs = tc.get("/jobs").bodyAsJsonArray();
    assertThat(jobs).hasSize(1);
    JsonObject item = jobs.getJsonObject(0);
    assertThat(item.getString("status")).isEqualTo("finished");
    assertThat(item.getJsonObject("job_info").getString("submitted_by")).isEqualTo("ana");
    assertThat(item.getJsonObject("job_meta").getString("job_id")).isEqualTo(id);
    assertThat(tc.get("/jobs?status=queued").bodyAsJsonArray()).isEmpty();
    assertThat(tc.get("/jobs?status=finished&host=worker-a&limit=1&offset=0").bodyAsJsonArray())
        .hasSize(1);
  }
}
