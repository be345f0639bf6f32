package eu.opeva.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Moves jobs through their states over HTTP, the way a worker agent would. */
public final class JobDriver {
  private final TestCoordinator tc;

  public JobDriver(TestCoordinator tc) {
    this.tc = tc;
  }

  /** Submits an inline config pinned to {@code worker}; returns the job id. */
  public String submit(String worker) {
    var response =
        tc.post(
            "/run-simulation",
            new JsonObject()
                .put(
                    "config",
                    new JsonObject()
                        .put("experiment", new JsonObject().put("name", "E").put("run_name", "R")))
                .put("target_host", worker));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("job_id");
  }

  /** Submits, dispatches to {@code worker} and reports running. */
  public String running(String worker) {
    String id = submit(worker);
    var poll = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", worker));
    assertThat(poll.statusCode()).isEqualTo(200);
    assertThat(poll.bodyAsJsonObject().getString("job_id")).isEqualTo(id);
    report(id, worker, "running");
    return id;
  }

  public void report(String id, String worker, String status) {
    var response =
        tc.post(
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", id)
                .put("status", status)
                .put("worker_id", worker)
                .put("attempt", 1));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  public Path jobDir(String id) {
    return tc.root.resolve("jobs").resolve(id);
  }
}
