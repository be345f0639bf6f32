package eu.opeva.coordinator.auth;

import static eu.opeva.coordinator.auth.AuthTesting.PASSWORD;
import static eu.opeva.coordinator.auth.AuthTesting.basic;
import static eu.opeva.coordinator.auth.AuthTesting.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An agent token acts only as its worker, and only on jobs dispatched to it")
class AgentTokensHttpTest extends CoordinatorHttpTest {
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

  @org.junit.jupiter.api.BeforeEach
  void signInAsOperator() {
    tc.signInByDefault(basic("operator1", PASSWORD));
  }

  private HttpResponse<Buffer> post(String path, JsonObject body, MultiMap auth) {
    return tc.call(HttpMethod.POST, path, body.toBuffer(), auth);
  }

  private String submit(String host) {
    return new JsonObject(
            post(
                    "/run-simulation",
                    new JsonObject().put("config_path", "demo.yaml").put("target_host", host),
                    basic("submitter1", PASSWORD))
                .bodyAsString())
        .getString("job_id");
  }

  @Test
  @DisplayName("next-job and heartbeat as another worker are 403; as its own worker they work")
  void pollAndHeartbeatBound() {
    String id = submit("worker-b");
    assertThat(
            post(
                    "/api/agent/next-job",
                    new JsonObject().put("worker_id", "worker-b"),
                    bearer("tok-a"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    "/api/agent/heartbeat",
                    new JsonObject().put("worker_id", "worker-b"),
                    bearer("tok-a"))
                .statusCode())
        .isEqualTo(403);
    assertThat(jobs.state(id)).as("nothing was dispatched").isEqualTo("queued");
    var own =
        post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-b"), bearer("tok-b"));
    assertThat(new JsonObject(own.bodyAsString()).getString("job_id")).isEqualTo(id);
    assertThat(
            post(
                    "/api/agent/heartbeat",
                    new JsonObject().put("worker_id", "worker-b"),
                    bearer("tok-b"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a report with another worker's token, or on a job never dispatched to it, is 403 and changes nothing")
  void reportsBound() {
    String id = submit("worker-a");
    post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"), bearer("tok-a"));
    Map<String, String> before = DirectoryDigest.of(root);
    JsonObject failed = new JsonObject().put("job_id", id).put("status", "failed");
    assertThat(
            post(
                    "/api/agent/job-status",
                    failed.copy().put("worker_id", "worker-a"),
                    bearer("tok-b"))
                .statusCode())
        .as("claims to be worker-a")
        .isEqualTo(403);
    assertThat(post("/api/agent/job-status", failed, bearer("tok-b")).statusCode())
        .as("never dispatched to worker-b, even without worker_id or attempt")
        .isEqualTo(403);
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(jobs.state(id)).isEqualTo("dispatched");

    // Without worker_id and attempt, the token names the worker: fencing still applies.
    assertThat(
            post(
                    "/api/agent/job-status",
                    new JsonObject().put("job_id", id).put("status", "running"),
                    bearer("tok-a"))
                .statusCode())
        .isEqualTo(200);
    assertThat(jobs.status(id).getString("worker_id")).isEqualTo("worker-a");
  }

  @Test
  @DisplayName("a stale attempt of its own worker is still fenced with 409")
  void ownOldAttemptFenced() {
    String id = submit("worker-a");
    post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"), bearer("tok-a"));
    post(
        "/ops/jobs/" + id + "/requeue",
        new JsonObject().put("force", true),
        basic("operator1", PASSWORD));
    post("/api/agent/next-job", new JsonObject().put("worker_id", "worker-a"), bearer("tok-a"));
    assertThat(
            post(
                    "/api/agent/job-status",
                    new JsonObject().put("job_id", id).put("status", "running").put("attempt", 1),
                    bearer("tok-a"))
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  @DisplayName("who submitted and who acted are the signed-in users, whatever the body says")
  void identityFromSignIn() {
    String id =
        new JsonObject(
                post(
                        "/run-simulation",
                        new JsonObject()
                            .put("config_path", "demo.yaml")
                            .put("submitted_by", "someone-else"),
                        basic("submitter1", PASSWORD))
                    .bodyAsString())
            .getString("job_id");
    assertThat(jobs.jobDir(id).resolve("job_info.json"))
        .content()
        .contains("\"submitted_by\" : \"submitter1\"");
    post(
        "/ops/jobs/" + id + "/cancel",
        new JsonObject().put("operator", "mallory"),
        basic("operator1", PASSWORD));
    assertThat(jobs.status(id).getString("ops_by")).isEqualTo("operator1");
  }
}
