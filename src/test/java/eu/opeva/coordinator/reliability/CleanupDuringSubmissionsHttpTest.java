package eu.opeva.coordinator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "A jobs cleanup decides against the live registry: jobs submitted meanwhile survive it")
class CleanupDuringSubmissionsHttpTest extends CoordinatorHttpTest {
  @Test
  @DisplayName("40 submissions racing a cleanup of 30 ended jobs: every submitted job stays whole")
  void cleanupSparesNewJobs() {
    List<String> ended = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String id = jobs.submit();
      tc.post("/stop/" + id, null);
      ended.add(id);
    }
    List<Future<HttpResponse<Buffer>>> submissions = new ArrayList<>();
    Future<HttpResponse<Buffer>> cleanup = null;
    for (int i = 0; i < 40; i++) {
      submissions.add(
          tc.client
              .post(tc.port(), "127.0.0.1", "/run-simulation")
              .sendJsonObject(new JsonObject().put("config_path", "demo.yaml")));
      if (i == 5) {
        cleanup =
            tc.client
                .post(tc.port(), "127.0.0.1", "/ops/jobs/cleanup")
                .sendJsonObject(new JsonObject());
      }
    }
    JsonObject report = TestCoordinator.await(cleanup).bodyAsJsonObject();
    assertThat(report.getJsonArray("removed")).containsExactlyInAnyOrderElementsOf(ended);
    for (var f : submissions) {
      HttpResponse<Buffer> r = TestCoordinator.await(f);
      assertThat(r.statusCode()).isEqualTo(200);
      String id = r.bodyAsJsonObject().getString("job_id");
      assertThat(jobs.state(id)).isEqualTo("queued");
      assertThat(jobs.jobDir(id).resolve("status.json")).exists();
      assertThat(jobs.jobDir(id).resolve("job_info.json")).exists();
    }
    assertThat(tc.get("/jobs").bodyAsJsonArray()).hasSize(40);
  }
}
