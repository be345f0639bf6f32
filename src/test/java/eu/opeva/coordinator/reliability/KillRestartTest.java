package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A kill -9 loses, resurrects and strands nothing that was acknowledged")
class KillRestartTest {
  @Test
  @DisplayName(
      "resources, extra args and links survive a SIGKILL and reach the agent after the restart")
  void submissionSurvivesKill(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n  run_name: R\n");
    try (CoordinatorProcess coordinator = new CoordinatorProcess(root, Map.of()).start()) {
      JsonObject body =
          new JsonObject()
              .put("config_path", "demo.yaml")
              .put("target_host", "worker-a")
              .put(
                  "resources",
                  new JsonObject()
                      .put("cpus", 1.5)
                      .put("memory_mb", 512)
                      .put("timeout_seconds", 90))
              .put("extra_args", new io.vertx.core.json.JsonArray().add("--episodes").add("3"));
      var answer = coordinator.call("POST", "/run-simulation", body.encode());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      String id = new JsonObject(answer.body()).getString("job_id");
      coordinator.kill(); // right after the acknowledgement: no shutdown
      Files.deleteIfExists(root.resolve("job_track.json")); // and, for sure, no snapshot

      coordinator.start();
      var poll =
          coordinator.call(
              "POST",
              "/api/agent/next-job",
              new JsonObject().put("worker_id", "worker-a").encode());
      assertThat(poll.statusCode()).as(poll.body() + "\n" + coordinator.output()).isEqualTo(200);
      JsonObject payload = new JsonObject(poll.body());
      assertThat(payload.getString("job_id")).isEqualTo(id);
      assertThat(payload.getJsonObject("resources"))
          .isEqualTo(
              new JsonObject().put("cpus", 1.5).put("memory_mb", 512).put("timeout_seconds", 90));
      assertThat(payload.getString("command")).endsWith(" --episodes 3");
      assertThat(payload.getInteger("attempt")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName(
      "a job deleted right before a kill -9 stays deleted, though the snapshot still lists it")
  void deleteStaysDeleted(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n");
    try (CoordinatorProcess coordinator = new CoordinatorProcess(root, Map.of()).start()) {
      String body = new JsonObject().put("config_path", "demo.yaml").encode();
      String deleted =
          new JsonObject(coordinator.call("POST", "/run-simulation", body).body())
              .getString("job_id");
      String kept =
          new JsonObject(coordinator.call("POST", "/run-simulation", body).body())
              .getString("job_id");
      // Wait until the snapshot names both jobs: after the kill it is stale.
      eu.opeva.coordinator.testing.Eventually.eventually(
          java.time.Duration.ofSeconds(10),
          () -> {
            try {
              String track = Files.readString(root.resolve("job_track.json"));
              return track.contains(deleted) && track.contains(kept) ? true : null;
            } catch (java.io.IOException e) {
              return null;
            }
          });
      assertThat(coordinator.call("DELETE", "/job/" + deleted, null).statusCode()).isEqualTo(200);
      coordinator.kill();
      assertThat(Files.readString(root.resolve("job_track.json"))).contains(deleted);

      coordinator.start();
      assertThat(coordinator.call("GET", "/status/" + deleted, null).statusCode()).isEqualTo(404);
      String poll = new JsonObject().put("worker_id", "worker-a").encode();
      var first = coordinator.call("POST", "/api/agent/next-job", poll);
      assertThat(new JsonObject(first.body()).getString("job_id")).isEqualTo(kept);
      assertThat(coordinator.call("POST", "/api/agent/next-job", poll).statusCode())
          .as("the deleted job is not queued again")
          .isEqualTo(204);
      assertThat(root.resolve("queue/" + deleted + ".json")).doesNotExist();
    }
  }

  @Test
  @DisplayName(
      "the same Idempotency-Key sent concurrently, then again after a kill -9: one job, one answer")
  void idempotencyKeySurvivesKill(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n");
    String body = new JsonObject().put("config_path", "demo.yaml").encode();
    Map<String, String> key = Map.of("Idempotency-Key", "nightly-2026-12-01");
    try (CoordinatorProcess coordinator = new CoordinatorProcess(root, Map.of()).start()) {
      java.util.concurrent.Callable<java.net.http.HttpResponse<String>> send =
          () -> coordinator.call("POST", "/run-simulation", body, key);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      var answers = pool.invokeAll(java.util.Collections.nCopies(8, send));
      pool.shutdown();
      String first = answers.get(0).get().body();
      for (var a : answers) {
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(new JsonObject(a.get().body())).isEqualTo(new JsonObject(first));
      }
      coordinator.kill();
      Files.deleteIfExists(root.resolve("job_track.json"));
      coordinator.start();
      var again = coordinator.call("POST", "/run-simulation", body, key);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(again.body())).isEqualTo(new JsonObject(first));
      try (var dirs = Files.list(root.resolve("jobs"))) {
        assertThat(dirs.count()).as("one job in all").isEqualTo(1);
      }
      var other =
          coordinator.call(
              "POST",
              "/run-simulation",
              new JsonObject().put("config_path", "demo.yaml").put("priority", 1).encode(),
              key);
      assertThat(other.statusCode()).isEqualTo(422);
    }
  }
}
