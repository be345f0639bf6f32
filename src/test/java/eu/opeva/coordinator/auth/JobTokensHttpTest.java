package eu.opeva.coordinator.auth;

import static eu.opeva.coordinator.auth.AuthTesting.PASSWORD;
import static eu.opeva.coordinator.auth.AuthTesting.basic;
import static eu.opeva.coordinator.auth.AuthTesting.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A running job's own token submits follow-up jobs and reads its own job, nothing more")
class JobTokensHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> seed() {
    Map<String, String> files = new HashMap<>(super.seed());
    files.putAll(AuthTesting.files());
    return files;
  }

  @Override
  protected Map<String, String> env() {
    return AuthTesting.env(root, 1000);
  }

  @BeforeEach
  void signInAsOperator() {
    tc.signInByDefault(basic("operator1", PASSWORD));
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body, MultiMap h) {
    return tc.call(method, path, body == null ? null : body.toBuffer(), h);
  }

  /** A job of submitter1 taken by worker-a and running: its payload. */
  private JsonObject runningJob() {
    var submitted =
        call(
            HttpMethod.POST,
            "/run-simulation",
            new JsonObject().put("config_path", "demo.yaml").put("target_host", "worker-a"),
            basic("submitter1", PASSWORD));
    assertThat(submitted.statusCode()).isEqualTo(200);
    var polled =
        call(
            HttpMethod.POST,
            "/api/agent/next-job",
            new JsonObject().put("worker_id", "worker-a"),
            bearer("tok-a"));
    JsonObject payload = new JsonObject(polled.bodyAsString());
    var running =
        call(
            HttpMethod.POST,
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", payload.getString("job_id"))
                .put("worker_id", "worker-a")
                .put("attempt", 1)
                .put("status", "running"),
            bearer("tok-a"));
    assertThat(running.statusCode()).isEqualTo(200);
    return payload;
  }

  @Test
  @DisplayName(
      "the payload carries the job's id and token; with it the job submits a child, recorded with its parent and submitter")
  void submitsFollowUps() {
    JsonObject payload = runningJob();
    String parent = payload.getString("job_id");
    JsonObject env = payload.getJsonObject("env");
    assertThat(env.getString("OPEVA_JOB_ID")).isEqualTo(parent);
    String token = env.getString("OPEVA_JOB_TOKEN");
    assertThat(token).startsWith("opeva-job." + parent + ".");

    var child =
        call(
            HttpMethod.POST,
            "/run-simulation",
            new JsonObject().put("config_path", "demo.yaml").put("submitted_by", "mallory"),
            bearer(token));
    assertThat(child.statusCode()).as(child.bodyAsString()).isEqualTo(200);
    String childId = new JsonObject(child.bodyAsString()).getString("job_id");
    JsonObject childInfo = new JsonObject(tc.get("/job-info/" + childId).bodyAsString());
    assertThat(childInfo.getString("parent_job_id")).isEqualTo(parent);
    assertThat(childInfo.getString("submitted_by")).isEqualTo("submitter1");

    var pipeline =
        call(
            HttpMethod.POST,
            "/pipelines",
            new JsonObject()
                .put(
                    "jobs",
                    new JsonArray()
                        .add(new JsonObject().put("key", "a").put("config_path", "demo.yaml"))),
            bearer(token));
    assertThat(pipeline.statusCode()).as(pipeline.bodyAsString()).isEqualTo(200);
    String pipelineJob =
        new JsonObject(pipeline.bodyAsString()).getJsonObject("jobs").getString("a");
    JsonArray children =
        new JsonObject(tc.get("/job-info/" + parent).bodyAsString()).getJsonArray("children");
    assertThat(children).containsExactly(childId, pipelineJob);

    assertThat(call(HttpMethod.GET, "/status/" + parent, null, bearer(token)).statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/job-info/" + parent, null, bearer(token)).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "the token reads no other job, calls nothing else, a forged one is 401, and it dies with its job")
  void scoped() {
    JsonObject payload = runningJob();
    String parent = payload.getString("job_id");
    String token = payload.getJsonObject("env").getString("OPEVA_JOB_TOKEN");
    String other = jobs.submit();
    assertThat(call(HttpMethod.GET, "/status/" + other, null, bearer(token)).statusCode())
        .isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/jobs", null, bearer(token)).statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.DELETE, "/job/" + parent, null, bearer(token)).statusCode())
        .isEqualTo(403);
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/agent/next-job",
                    new JsonObject().put("worker_id", "worker-a"),
                    bearer(token))
                .statusCode())
        .isIn(401, 403);
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
    assertThat(
            call(
                    HttpMethod.POST,
                    "/run-simulation",
                    new JsonObject().put("config_path", "demo.yaml"),
                    bearer(forged))
                .statusCode())
        .isEqualTo(401);

    call(
        HttpMethod.POST,
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", parent)
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("status", "finished"),
        bearer("tok-a"));
    var late =
        call(
            HttpMethod.POST,
            "/run-simulation",
            new JsonObject().put("config_path", "demo.yaml"),
            bearer(token));
    assertThat(late.statusCode()).as("the job has ended").isEqualTo(403);
  }
}
