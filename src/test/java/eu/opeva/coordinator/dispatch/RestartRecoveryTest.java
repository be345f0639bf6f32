package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A restart on the same directory loses, duplicates and strands nothing")
class RestartRecoveryTest extends CoordinatorHttpTest {

  void report(String id, String status) {
    assertThat(
            tc.post(
                    "/api/agent/job-status",
                    new JsonObject()
                        .put("job_id", id)
                        .put("status", status)
                        .put("worker_id", "worker-a"))
                .statusCode())
        .isEqualTo(200);
  }

  String state(String id) {
    return jobs.status(id).getString("status");
  }

  List<String> queueFiles() throws Exception {
    try (Stream<Path> files = Files.list(root.resolve("queue"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  JsonObject readJson(String rel) throws Exception {
    return new JsonObject(Files.readString(root.resolve(rel)));
  }

  @Test
  @DisplayName("mid-flow restart keeps every status, every queue entry once, and the FIFO order")
  void gracefulRestart() throws Exception {
    String finished = jobs.submit();
    String running = jobs.submit();
    String dispatched = jobs.submit();
    String stopping = jobs.submit();
    String queued1 = jobs.submit();
    String queued2 = jobs.submit();
    for (String id : List.of(finished, running, dispatched, stopping)) {
      assertThat(
              tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"))
                  .bodyAsJsonObject()
                  .getString("job_id"))
          .isEqualTo(id);
    }
    report(finished, "running");
    report(finished, "finished");
    report(running, "running");
    report(stopping, "running");
    tc.post("/stop/" + stopping, null);

    tc.restart();

    assertThat(state(finished)).isEqualTo("finished");
    assertThat(state(running)).isEqualTo("running");
    assertThat(state(dispatched)).isEqualTo("dispatched");
    assertThat(state(stopping)).isEqualTo("stop_requested");
    assertThat(state(queued1)).isEqualTo("queued");
    JsonArray queue = tc.get("/queue").bodyAsJsonArray();
    assertThat(queue.stream().map(o -> ((JsonObject) o).getString("job_id")))
        .containsExactly(queued1, queued2);
    assertThat(queueFiles())
        .containsExactlyInAnyOrder(
            queued1 + ".json", queued2 + ".json", dispatched + ".json.claim.worker-a");
    assertThat(tc.get("/jobs").bodyAsJsonArray()).hasSize(6);
    JsonObject track = readJson("job_track.json");
    assertThat(track.fieldNames())
        .containsExactlyInAnyOrder(finished, running, dispatched, stopping, queued1, queued2);
    var heartbeat =
        tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", "worker-a"))
            .bodyAsJsonObject();
    assertThat(heartbeat.getJsonArray("stop_job_ids")).containsExactly(stopping);
    assertThat(
            tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-b"))
                .bodyAsJsonObject()
                .getString("job_id"))
        .isEqualTo(queued1);
    report(running, "finished");
    assertThat(
            tc.post(
                    "/api/agent/job-status",
                    new JsonObject()
                        .put("job_id", dispatched)
                        .put("status", "running")
                        .put("worker_id", "worker-a")
                        .put("attempt", 1))
                .statusCode())
        .as("attempt numbers survive")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "after a crash, per-job files win over a stale snapshot and half-done writes are repaired")
  void crashRepairs() throws Exception {
    String keptQueued = jobs.submit();
    String claimedMidDispatch = jobs.submit();
    String missingQueueFile = jobs.submit();
    String finished = jobs.submit();
    String launching = jobs.submit();
    tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"));
    tc.stopCoordinator();

    // What a crash can leave behind: a snapshot from before these jobs, a queue entry renamed to a
    // claim with status.json never updated, a queue file never written, a queue file of a job that
    // finished, a job caught in "launching".
    Files.writeString(root.resolve("job_track.json"), "{}");
    Files.move(
        root.resolve("queue/" + claimedMidDispatch + ".json"),
        root.resolve("queue/" + claimedMidDispatch + ".json.claim.worker-b"));
    Files.delete(root.resolve("queue/" + missingQueueFile + ".json"));
    JsonObject done = readJson("jobs/" + finished + "/status.json").put("status", "finished");
    Files.writeString(root.resolve("jobs/" + finished + "/status.json"), done.encode());
    JsonObject half = readJson("jobs/" + launching + "/status.json").put("status", "launching");
    Files.writeString(root.resolve("jobs/" + launching + "/status.json"), half.encode());
    Files.delete(root.resolve("queue/" + launching + ".json"));
    Files.writeString(root.resolve("queue/.orphan.json.tmp-123"), "{");

    tc.startCoordinator();

    assertThat(state(keptQueued)).as("dispatched before the crash").isEqualTo("dispatched");
    assertThat(state(claimedMidDispatch)).isEqualTo("queued");
    assertThat(state(missingQueueFile)).isEqualTo("queued");
    assertThat(state(finished)).isEqualTo("finished");
    assertThat(state(launching)).isEqualTo("queued");
    assertThat(queueFiles())
        .containsExactlyInAnyOrder(
            claimedMidDispatch + ".json",
            missingQueueFile + ".json",
            launching + ".json",
            keptQueued + ".json.claim.worker-a");
    List<String> dispatchedNow = new ArrayList<>();
    JsonObject job;
    while ((job = nextJob("worker-b")) != null) {
      dispatchedNow.add(job.getString("job_id"));
    }
    assertThat(dispatchedNow)
        .containsExactlyInAnyOrder(claimedMidDispatch, missingQueueFile, launching);
  }

  JsonObject nextJob(String worker) {
    var r = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", worker));
    return r.statusCode() == 204 ? null : r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("shutdown answers waiting long polls with 204 and writes the snapshot")
  void shutdownAnswersPolls() throws Exception {
    String id = jobs.submit();
    assertThat(nextJob("worker-a").getString("job_id")).isEqualTo(id);
    var poll =
        tc.client
            .post(tc.port(), "127.0.0.1", "/api/agent/next-job")
            .sendJsonObject(new JsonObject().put("worker_id", "worker-b").put("wait_seconds", 30));
    DispatchClient dispatch = new DispatchClient(tc.vertx);
    while (TestCoordinator.await(dispatch.stats()).getInteger("waiting_polls") < 1) {
      Thread.sleep(5);
    }
    tc.stopCoordinator();
    assertThat(TestCoordinator.await(poll).statusCode()).isEqualTo(204);
    assertThat(readJson("job_track.json").getJsonObject(id).getString("status"))
        .isEqualTo("dispatched");
    tc.startCoordinator();
  }
}
