package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Idempotency-Key: a repeated submission gets the first answer and creates nothing")
class IdempotencyHttpTest extends CoordinatorHttpTest {
  private static final JsonObject BODY =
      new JsonObject().put("config_path", "demo.yaml").put("priority", 3);

  private HttpResponse<Buffer> post(String path, JsonObject body, String key) {
    return tc.call(
        HttpMethod.POST,
        path,
        body,
        MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", key));
  }

  private long jobCount() throws Exception {
    try (var dirs = Files.list(root.resolve("jobs"))) {
      return dirs.count();
    }
  }

  @Test
  @DisplayName("the same key and body twice: one job, the same answer, even once the job moved on")
  void sameKeyTwice() throws Exception {
    var first = post("/run-simulation", BODY, "k-1");
    assertThat(first.statusCode()).isEqualTo(200);
    String id = first.bodyAsJsonObject().getString("job_id");
    jobs.poll("worker-a");
    var again = post("/run-simulation", BODY.copy(), "k-1");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("queued");
    assertThat(jobCount()).isEqualTo(1);
    assertThat(jobs.state(id)).isEqualTo("dispatched");
    var other = post("/run-simulation", BODY, "k-2");
    assertThat(other.bodyAsJsonObject().getString("job_id")).isNotEqualTo(id);
  }

  @Test
  @DisplayName("the same key sent concurrently creates one job; every answer is the same")
  void concurrent() throws Exception {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(
          tc.client
              .post(tc.port(), "127.0.0.1", "/run-simulation")
              .putHeader("Idempotency-Key", "burst")
              .sendJsonObject(BODY));
    }
    List<HttpResponse<Buffer>> answers = TestCoordinator.await(Future.all(all)).list();
    JsonObject one = answers.get(0).bodyAsJsonObject();
    for (HttpResponse<Buffer> r : answers) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject()).isEqualTo(one);
    }
    assertThat(jobCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("the same key with another body is 422 and creates nothing")
  void differentBody() throws Exception {
    assertThat(post("/run-simulation", BODY, "k-3").statusCode()).isEqualTo(200);
    var refused = post("/run-simulation", BODY.copy().put("priority", 4), "k-3");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("k-3");
    assertThat(jobCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("keys and answers survive a restart; they expire after 24 hours")
  void restartAndExpiry() throws Exception {
    JsonObject first = post("/run-simulation", BODY, "k-4").bodyAsJsonObject();
    tc.restart();
    assertThat(post("/run-simulation", BODY, "k-4").bodyAsJsonObject()).isEqualTo(first);
    assertThat(jobCount()).isEqualTo(1);
    clock.advance(Duration.ofHours(24).plusSeconds(1));
    tc.restart();
    JsonObject later = post("/run-simulation", BODY, "k-4").bodyAsJsonObject();
    assertThat(later.getString("job_id")).isNotEqualTo(first.getString("job_id"));
    assertThat(jobCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("a refused request is forgotten: the same key may be sent again once it is fixed")
  void refusedIsForgotten() throws Exception {
    JsonObject bad = new JsonObject().put("config_path", "missing.yaml");
    assertThat(post("/run-simulation", bad, "k-5").statusCode()).isEqualTo(404);
    Files.writeString(root.resolve("configs/missing.yaml"), DEMO_YAML);
    assertThat(post("/run-simulation", bad, "k-5").statusCode()).isEqualTo(200);
    assertThat(jobCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("pipelines: the same key twice creates one pipeline and answers the same")
  void pipelines() throws Exception {
    JsonObject pipeline =
        new JsonObject()
            .put(
                "jobs",
                new JsonArray()
                    .add(new JsonObject().put("key", "a").put("config_path", "demo.yaml"))
                    .add(
                        new JsonObject()
                            .put("key", "b")
                            .put("config_path", "demo.yaml")
                            .put("depends_on", new JsonArray().add("a"))));
    JsonObject first = post("/pipelines", pipeline, "p-1").bodyAsJsonObject();
    tc.restart();
    JsonObject again = post("/pipelines", pipeline, "p-1").bodyAsJsonObject();
    assertThat(again).isEqualTo(first);
    assertThat(jobCount()).isEqualTo(2);
    assertThat(tc.get("/pipelines").bodyAsJsonObject().getInteger("total")).isEqualTo(1);
    assertThat(post("/pipelines", pipeline.copy().put("name", "x"), "p-1").statusCode())
        .isEqualTo(422);
  }

  @Test
  @DisplayName("a key that is not a printable token is a 400")
  void badKey() {
    assertThat(post("/run-simulation", BODY, "has space").statusCode()).isEqualTo(400);
    assertThat(post("/run-simulation", BODY, "x".repeat(256)).statusCode()).isEqualTo(400);
  }
}
