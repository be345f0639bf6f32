package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A refused request says what is wrong in a sentence per problem, with its pointer")
class ValidationMessagesHttpTest extends CoordinatorHttpTest {

  private JsonObject refused(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getValue("detail")).isInstanceOf(String.class);
    assertThat(body.getString("request_id")).isEqualTo(r.getHeader("X-Request-Id"));
    return body;
  }

  private JsonObject submit(String json) {
    return refused(tc.postRaw("/run-simulation", json));
  }

  private static JsonObject problem(String message, String pointer) {
    return new JsonObject().put("message", message).put("pointer", pointer);
  }

  @Test
  @DisplayName("a misspelt field: unknown field 'target_hots', pointer /target_hots")
  void unknownField() {
    JsonObject body = submit("{\"config_path\": \"demo.yaml\", \"target_hots\": \"deucalion\"}");
    assertThat(body.getString("detail")).isEqualTo("unknown field 'target_hots'");
    assertThat(body.getJsonArray("errors"))
        .containsExactly(problem("unknown field 'target_hots'", "/target_hots"));
  }

  @Test
  @DisplayName("a config that is not an object: one sentence, not three")
  void configNotAnObject() {
    assertThat(submit("{\"config\": \"foo\"}").getString("detail"))
        .isEqualTo("config must be an object");
    assertThat(submit("{\"config\": 5}").getJsonArray("errors"))
        .containsExactly(problem("config must be an object", "/config"));
  }

  @Test
  @DisplayName("an empty config is called empty, not missing")
  void emptyConfig() {
    JsonObject body = submit("{\"config\": {}}");
    assertThat(body.getString("detail")).isEqualTo("config is empty");
    assertThat(body.getJsonArray("errors")).containsExactly(problem("config is empty", "/config"));
    assertThat(submit("{}").getString("detail")).isEqualTo("Missing config or config_path");
  }

  @Test
  @DisplayName("patterns, bounds, enums, lengths and nested fields are named in words")
  void readableSentences() {
    assertThat(
            submit("{\"config_path\": \"demo.yaml\", \"job_name\": \"a\\u001bb\"}")
                .getString("detail"))
        .isEqualTo("job_name must be a single line without control characters");
    assertThat(submit("{\"priority\": 500}").getString("detail"))
        .isEqualTo("priority must be at most 100");
    assertThat(submit("{\"priority\": \"high\"}").getString("detail"))
        .isEqualTo("priority must be an integer");
    assertThat(submit("{\"run_if\": \"sometimes\"}").getString("detail"))
        .isEqualTo("run_if must be one of all_finished, all_done");
    assertThat(submit("{\"resources\": {\"cpus\": 0}}").getJsonArray("errors"))
        .containsExactly(problem("resources.cpus must be more than 0", "/resources/cpus"));
    assertThat(submit("{\"resources\": {\"disk\": 1}}").getJsonArray("errors"))
        .containsExactly(problem("unknown field 'disk' in resources", "/resources/disk"));
    assertThat(submit("{\"extra_args\": [\"--a\", \"b c\"]}").getJsonArray("errors"))
        .containsExactly(
            problem(
                "extra_args[1] must be one word, without spaces or control characters",
                "/extra_args/1"));
    assertThat(submit("{\"depends_on\": [\"..\"]}").getString("detail"))
        .isEqualTo(
            "depends_on[0] must start with a letter or a digit and have only letters, digits,"
                + " '_', '.' and '-' (at most 128)");
    assertThat(submit("{\"job_name\": \"" + "x".repeat(1025) + "\"}").getString("detail"))
        .isEqualTo("job_name is too long: at most 1024 characters");
    assertThat(submit("[1, 2]").getJsonArray("errors"))
        .containsExactly(problem("the body must be an object", ""));
  }

  @Test
  @DisplayName("several problems: one sentence each, in the detail and in errors")
  void severalProblems() {
    JsonObject body = submit("{\"target_hots\": \"x\", \"priority\": 500}");
    JsonArray errors = body.getJsonArray("errors");
    assertThat(errors)
        .containsExactlyInAnyOrder(
            problem("unknown field 'target_hots'", "/target_hots"),
            problem("priority must be at most 100", "/priority"));
    assertThat(body.getString("detail").split("; ")).hasSize(2);
  }

  @Test
  @DisplayName("pipelines: missing and unknown fields of a job, alternatives, minimum items")
  void pipelines() {
    assertThat(refused(tc.postRaw("/pipelines", "{}")).getString("detail"))
        .isEqualTo("missing field 'jobs'");
    assertThat(refused(tc.postRaw("/pipelines", "{\"jobs\": []}")).getString("detail"))
        .isEqualTo("jobs must not be empty");
    assertThat(
            refused(tc.postRaw("/pipelines", "{\"jobs\": [{\"key\": \"a\", \"bad\": 1}]}"))
                .getJsonArray("errors"))
        .containsExactly(problem("unknown field 'bad' in jobs[0]", "/jobs/0/bad"));
    assertThat(
            refused(tc.postRaw("/pipelines", "{\"jobs\": [{\"config_path\": \"demo.yaml\"}]}"))
                .getString("detail"))
        .isEqualTo("missing field 'key' in jobs[0]");
    assertThat(
            refused(tc.postRaw("/pipelines", "{\"jobs\": [{\"key\": \"a\", \"config\": {}}]}"))
                .getJsonArray("errors"))
        .containsExactly(problem("jobs[0].config is empty", "/jobs/0/config"));
    String pipeline = "/pipelines/p1/rerun";
    assertThat(refused(tc.postRaw(pipeline, "{\"jobs\": 5}")).getString("detail"))
        .isEqualTo("jobs must be a string or a list");
  }

  @Test
  @DisplayName("parameters: named, with the parameter and where it was given")
  void parameters() {
    JsonObject body = refused(tc.get("/jobs?limit=0"));
    assertThat(body.getString("detail")).isEqualTo("limit must be at least 1");
    assertThat(body.getJsonArray("errors"))
        .containsExactly(
            new JsonObject()
                .put("message", "limit must be at least 1")
                .put("parameter", "limit")
                .put("in", "query"));
    assertThat(refused(tc.get("/jobs?limit=many")).getString("detail"))
        .isEqualTo("limit must be an integer");
    assertThat(refused(tc.get("/jobs?status=sleeping")).getString("detail"))
        .startsWith("status must be one of waiting, launching, queued");
    assertThat(refused(tc.get("/jobs?host=a%01b")).getString("detail"))
        .isEqualTo("host must be a single line without control characters");
  }

  @Test
  @DisplayName("a header parameter: named, with where it was given, and nothing is created")
  void headerParameter() throws Exception {
    var key = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", "two words");
    JsonObject body =
        refused(
            tc.call(
                io.vertx.core.http.HttpMethod.POST,
                "/run-simulation",
                new JsonObject().put("config_path", "demo.yaml"),
                key));
    assertThat(body.getJsonArray("errors"))
        .containsExactly(
            new JsonObject()
                .put("message", "Idempotency-Key must be printable ASCII without spaces")
                .put("parameter", "Idempotency-Key")
                .put("in", "header"));
    key.set("Idempotency-Key", "k".repeat(256));
    assertThat(
            refused(
                    tc.call(
                        io.vertx.core.http.HttpMethod.POST,
                        "/pipelines",
                        new JsonObject(
                            "{\"jobs\": [{\"key\": \"a\", \"config_path\": \"demo.yaml\"}]}"),
                        key))
                .getString("detail"))
        .isEqualTo("Idempotency-Key is too long: at most 255 characters");
    // Nothing was created.
    java.nio.file.Path jobsDir = root.resolve("jobs");
    if (java.nio.file.Files.exists(jobsDir)) {
      try (var dirs = java.nio.file.Files.list(jobsDir)) {
        assertThat(dirs).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("a body that is not JSON, or missing: a sentence, pointer to the whole body")
  void notJson() {
    JsonObject body = submit("{\"config_path\": ");
    assertThat(body.getString("detail")).isEqualTo("the body is not valid JSON");
    assertThat(body.getJsonArray("errors"))
        .containsExactly(problem("the body is not valid JSON", ""));
    assertThat(submit("").getString("detail")).isEqualTo("a JSON body is required");
  }
}
