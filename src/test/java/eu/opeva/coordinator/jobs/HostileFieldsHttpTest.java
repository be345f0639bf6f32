package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import eu.opeva.coordinator.testing.LogCapture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Numbers are never wrapped, names hold no control characters, agent fields are small")
class HostileFieldsHttpTest extends CoordinatorHttpTest {
  static void refused(HttpResponse<Buffer> r, int status, String detailPart) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detailPart);
  }

  HttpResponse<Buffer> report(String id, Object attempt, Object exitCode) {
    return tc.postRaw(
        "/api/agent/job-status",
        "{\"job_id\": \""
            + id
            + "\", \"status\": \"running\", \"worker_id\": \"worker-a\", \"attempt\": "
            + attempt
            + (exitCode == null ? "" : ", \"exit_code\": " + exitCode)
            + "}");
  }

  @Test
  @DisplayName("attempt, exit_code and period out of the int range are a 400, never wrapped")
  void integers() {
    String id = jobs.dispatched("worker-a");
    var before = DirectoryDigest.of(root);
    for (String attempt : new String[] {"4294967297", "2147483648", "-1", "1.5", "1e10"}) {
      assertThat(report(id, attempt, null).statusCode()).as(attempt).isEqualTo(400);
    }
    assertThat(report(id, 1, "4294967297").statusCode()).isEqualTo(400);
    assertThat(report(id, 1, "-2147483649").statusCode()).isEqualTo(400);
    assertThat(
            tc.post(
                    "/dataset",
                    new JsonObject()
                        .put("name", "d")
                        .put("site_id", "demo_site")
                        .put("citylearn_configs", new JsonObject())
                        .put("period", 4294967297L))
                .statusCode())
        .isEqualTo(400);
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(report(id, 1, "-2147483648").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("NUL, ESC and line breaks in names and other single-line strings are a 400")
  void controlCharacters() {
    var before = DirectoryDigest.of(root);
    for (String bad : new String[] {"a\u0000b", "\u001b[31mred", "two\nlines", "c1\u009b"}) {
      for (String field : new String[] {"job_name", "submitted_by", "target_host", "save_as"}) {
        var r = jobs.trySubmit(new JsonObject().put("config_path", "demo.yaml").put(field, bad));
        refused(r, 400, "must be a single line without control characters");
      }
      refused(
          tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", bad)),
          400,
          "must be a single line without control characters");
      refused(
          tc.post(
              "/experiment-config/create",
              new JsonObject().put("file_name", bad + ".yaml").put("yaml_content", "a: 1\n")),
          400,
          "must be a single line without control characters");
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    // Text that is only unusual is fine.
    var unusual =
        jobs.trySubmit(
            new JsonObject().put("config_path", "demo.yaml").put("job_name", "Ünïcode run ✓ 🚀"));
    assertThat(unusual.statusCode()).as(unusual.bodyAsString()).isEqualTo(200);
  }

  @Test
  @DisplayName("relative_path with an unpaired surrogate or a name over 255 bytes is a 400")
  void relativePaths() throws Exception {
    String id = jobs.submit();
    Path data = root.resolve("jobs/" + id + "/results/simulation_data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("a.csv"), "x\n");
    try (LogCapture log = LogCapture.start()) {
      for (String path : new String[] {"\\ud800", "a\\udc00.csv", "x".repeat(300) + ".csv"}) {
        var r =
            tc.postRaw(
                "/simulation-data/file",
                "{\"job_id\": \"" + id + "\", \"relative_path\": \"" + path + "\"}");
        refused(r, 400, "relative_path");
      }
      assertThat(log.text()).doesNotContain("ERROR");
    }
  }

  @Test
  @DisplayName(
      "details, error and heartbeat info over AGENT_FIELD_MAX_BYTES are refused; bodies small")
  void agentFields() throws Exception {
    String id = jobs.running("worker-a");
    var before = DirectoryDigest.of(root);
    JsonObject details = new JsonObject().put("blob", "x".repeat(20_000));
    refused(
        tc.post(
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", id)
                .put("status", "running")
                .put("worker_id", "worker-a")
                .put("attempt", 1)
                .put("details", details)),
        413,
        "AGENT_FIELD_MAX_BYTES");
    refused(
        tc.post(
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", id)
                .put("status", "failed")
                .put("worker_id", "worker-a")
                .put("attempt", 1)
                .put("error", "e".repeat(20_000))),
        400,
        "error");
    refused(
        tc.post(
            "/api/agent/heartbeat",
            new JsonObject().put("worker_id", "worker-a").put("info", details)),
        413,
        "AGENT_FIELD_MAX_BYTES");
    refused(
        tc.post(
            "/api/agent/heartbeat",
            new JsonObject()
                .put("worker_id", "worker-a")
                .put("info", new JsonObject().put("blob", "x".repeat(100_000)))),
        413,
        "at most 65536 bytes");
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(tc.get("/hosts").body().length()).isLessThan(16_000);
    assertThat(jobs.state(id)).isEqualTo("running");
  }
}
