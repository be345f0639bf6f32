package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.storage.StorageFaults;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.Eventually;
import eu.opeva.coordinator.testing.ProgrammableFaults;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A failed or abandoned write is answered 503, changes nothing and shows nothing")
class FailedWritesHttpTest extends CoordinatorHttpTest {
  private final ProgrammableFaults faults = new ProgrammableFaults();

  @Override
  protected StorageFaults faults() {
    return faults;
  }

  @Override
  protected Map<String, String> env() {
    return Map.of("STORAGE_WRITE_START_TIMEOUT_MS", "300");
  }

  private static boolean statusOf(Path file, String id) {
    return file.getFileName().toString().equals("status.json")
        && file.getParent().getFileName().toString().equals(id);
  }

  /** Runs {@code change} with the job's status writes failing: 503, then nothing moved. */
  private void refusedWhileFailing(String id, String what, Supplier<Integer> change)
      throws Exception {
    JsonObject before = jobs.status(id);
    String onDisk = Files.readString(jobs.jobDir(id).resolve("status.json"));
    faults.fail(p -> statusOf(p, id));
    int code = change.get();
    faults.clear();
    assertThat(code).as(what).isEqualTo(503);
    assertThat(jobs.status(id)).as(what + ": nothing shown").isEqualTo(before);
    assertThat(Files.readString(jobs.jobDir(id).resolve("status.json")))
        .as(what + ": nothing written")
        .isEqualTo(onDisk);
  }

  @Test
  @DisplayName(
      "a submission whose files cannot be written is 503 and leaves no job, folder or file")
  void submission() throws Exception {
    faults.fail(p -> p.getFileName().toString().equals("status.json"));
    var r =
        jobs.trySubmit(
            new JsonObject()
                .put("config", new JsonObject().put("a", 1))
                .put("save_as", "kept.yaml"));
    faults.clear();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("not created");
    assertThat(tc.get("/jobs").bodyAsJsonArray()).isEmpty();
    try (var dirs = Files.list(root.resolve("jobs"))) {
      assertThat(dirs).isEmpty();
    }
    assertThat(root.resolve("configs/kept.yaml")).doesNotExist();
    assertThat(root.resolve("queue").toFile().list()).isEmpty();
    assertThat(jobs.submit()).as("the service keeps serving").isNotNull();
  }

  @Test
  @DisplayName("a dispatch that cannot be recorded is 503 and the job stays queued, in its place")
  void dispatch() throws Exception {
    String first = jobs.submit();
    String second = jobs.submit();
    faults.fail(p -> statusOf(p, first));
    var poll = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"));
    faults.clear();
    assertThat(poll.statusCode()).isEqualTo(503);
    assertThat(jobs.state(first)).isEqualTo("queued");
    assertThat(
            tc.get("/queue").bodyAsJsonArray().stream()
                .map(o -> ((JsonObject) o).getString("job_id")))
        .containsExactly(first, second);
    JsonObject payload = jobs.poll("worker-a");
    assertThat(payload.getString("job_id")).isEqualTo(first);
    assertThat(payload.getInteger("attempt")).as("the failed dispatch was no attempt").isEqualTo(1);
  }

  @Test
  @DisplayName("every report that cannot be written is 503 and leaves the job as it was")
  void reports() throws Exception {
    for (String status : List.of("running", "finished", "failed", "stopped", "queued")) {
      String id = jobs.dispatched("worker-a");
      if (!status.equals("running") && !status.equals("queued")) {
        jobs.report(id, "running", "worker-a");
      }
      refusedWhileFailing(id, status, () -> jobs.report(id, status, "worker-a", 1));
      assertThat(jobs.report(id, status, "worker-a", 1))
          .as(status + " once storage works")
          .isEqualTo(200);
    }
  }

  @Test
  @DisplayName(
      "operator actions, stops and deletes that cannot be written are 503 and change nothing")
  void operatorActions() throws Exception {
    for (String action : List.of("requeue", "fail", "cancel", "stop")) {
      String id = jobs.dispatched("worker-a");
      refusedWhileFailing(
          id,
          "ops " + action,
          () ->
              tc.post("/ops/jobs/" + id + "/" + action, new JsonObject().put("force", true))
                  .statusCode());
    }
    String running = jobs.running("worker-a");
    refusedWhileFailing(running, "stop", () -> tc.post("/stop/" + running, null).statusCode());
    String queued = jobs.submit();
    refusedWhileFailing(
        queued,
        "delete",
        () -> tc.call(io.vertx.core.http.HttpMethod.DELETE, "/job/" + queued, null).statusCode());
    assertThat(tc.get("/status/" + queued).statusCode()).as("still there").isEqualTo(200);
    assertThat(tc.call(io.vertx.core.http.HttpMethod.DELETE, "/job/" + queued, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("a write that cannot start in time is abandoned before it touches anything")
  void abandonedWhenStorageHangs() throws Exception {
    String id = jobs.dispatched("worker-a");
    JsonObject before = jobs.status(id);
    // The first write hangs for 2 s; the report queued behind it waits beyond the start limit.
    faults.delay(p -> statusOf(p, id), Duration.ofSeconds(2));
    var slow = jobs.pollAsync("worker-b", 0); // unrelated work keeps going meanwhile
    var hanging =
        tc.client
            .post(tc.port(), "127.0.0.1", "/api/agent/job-status")
            .sendJsonObject(
                new JsonObject()
                    .put("job_id", id)
                    .put("status", "running")
                    .put("worker_id", "worker-a")
                    .put("attempt", 1));
    Eventually.eventually(Duration.ofSeconds(5), () -> faults.delaying() == 1 ? true : null);
    int abandoned = jobs.report(id, "failed", "worker-a", 1);
    faults.clear();
    assertThat(abandoned).isEqualTo(503);
    assertThat(eu.opeva.coordinator.testing.TestCoordinator.await(hanging).statusCode())
        .isEqualTo(200);
    assertThat(jobs.state(id)).as("the abandoned report never happened").isEqualTo("running");
    assertThat(jobs.status(id).getLong("version")).isEqualTo(before.getLong("version") + 1);
    assertThat(eu.opeva.coordinator.testing.TestCoordinator.await(slow).statusCode())
        .isEqualTo(204);
  }
}
