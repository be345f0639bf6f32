package eu.opeva.coordinator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/result says pending only while a job may still write one, and what became of others")
class ResultAnswersHttpTest extends CoordinatorHttpTest {
  private JsonObject result(String id) {
    var r = tc.get("/result/" + id);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("an unknown job is a 404")
  void unknownJob() {
    var r = tc.get("/result/no-such-job");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Job not found");
  }

  @Test
  @DisplayName("waiting, queued, dispatched and running jobs are pending, with their status")
  void pending() {
    String dispatched = jobs.dispatched("worker-a");
    String running = jobs.running("worker-b");
    String queued = jobs.submit();
    String waiting = jobs.submit(new JsonObject().put("depends_on", new JsonArray().add(queued)));
    for (String[] expected :
        new String[][] {
          {queued, "queued"}, {waiting, "waiting"}, {dispatched, "dispatched"}, {running, "running"}
        }) {
      JsonObject body = result(expected[0]);
      assertThat(body.getString("status")).as(expected[1]).isEqualTo("pending");
      assertThat(body.getString("message")).isEqualTo("Result not ready yet.");
      assertThat(body.getString("job_status")).isEqualTo(expected[1]);
    }
  }

  @Test
  @DisplayName("a failed job says it failed and why; stopped and canceled jobs say so")
  void ended() {
    String failed = jobs.running("worker-a");
    var report =
        new JsonObject()
            .put("job_id", failed)
            .put("status", "failed")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("error", "exit code 1: out of memory");
    assertThat(tc.post("/api/agent/job-status", report).statusCode()).isEqualTo(200);
    JsonObject body = result(failed);
    assertThat(body.getString("status")).isEqualTo("failed");
    assertThat(body.getString("error")).isEqualTo("exit code 1: out of memory");
    assertThat(body.getString("message")).isEqualTo("The job is failed; it wrote no result.");
    assertThat(body.getBoolean("simulation_data_available")).isFalse();

    String canceled = jobs.submit();
    assertThat(tc.post("/stop/" + canceled, new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(result(canceled).getString("status")).isEqualTo("canceled");

    String stopped = jobs.running("worker-b");
    assertThat(tc.post("/stop/" + stopped, new JsonObject()).statusCode()).isEqualTo(200);
    jobs.report(stopped, "stopped", "worker-b");
    JsonObject stoppedBody = result(stopped);
    assertThat(stoppedBody.getString("status")).isEqualTo("stopped");
    assertThat(stoppedBody.containsKey("error")).isTrue();
  }

  @Test
  @DisplayName("a finished job without a result file says so; with one, the file is the answer")
  void finished() throws Exception {
    String id = jobs.running("worker-a");
    jobs.report(id, "finished", "worker-a");
    assertThat(result(id).getString("status")).isEqualTo("finished");
    assertThat(result(id).getString("message"))
        .isEqualTo("The job finished without writing a result (results/result.json).");
    Path file = jobs.jobDir(id).resolve("results/result.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"kpis\": {\"cost\": 3}}");
    JsonObject body = result(id);
    assertThat(body.containsKey("status")).isFalse();
    assertThat(body.getJsonObject("kpis").getInteger("cost")).isEqualTo(3);
    assertThat(body.getString("kpi_source")).isEqualTo("result.kpis");
  }
}
