package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input gets a clear 4xx and leaves the shared directory unchanged")
class BadInputHttpTest extends CoordinatorHttpTest {
  String existingJob;

  @Override
  protected Map<String, String> seed() {
    return Map.of("configs/demo.yaml", DEMO_YAML, "secret.yaml", "experiment:\n  name: Secret\n");
  }

  @BeforeEach
  void existingJob() {
    existingJob = jobs.submit();
    // The snapshot names it on its own schedule: wait for it, so "before" is settled.
    eu.opeva.coordinator.testing.Eventually.eventually(
        java.time.Duration.ofSeconds(20),
        () -> {
          try {
            Path track = root.resolve("job_track.json");
            return Files.exists(track) && Files.readString(track).contains(existingJob)
                ? true
                : null;
          } catch (java.io.IOException e) {
            return null;
          }
        });
  }

  /** Every file with its size and content hash: what "unchanged" means. */
  Map<String, String> tree() throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.toList()) {
        String rel = root.relativize(p).toString();
        if (rel.startsWith(".coordinator.lease") || rel.startsWith("..coordinator.lease")) {
          continue; // renewed by the running coordinator (see DirectoryDigest)
        }
        if (rel.equals("job_track.json")) {
          // The snapshot is rewritten on its own schedule; what it says must not change.
          JsonObject track = new JsonObject(Files.readString(p));
          track.forEach(
              e -> out.put("track:" + e.getKey(), ((JsonObject) e.getValue()).getString("status")));
          continue;
        }
        out.put(
            rel,
            Files.isDirectory(p)
                ? "dir"
                : Files.size(p) + ":" + java.util.Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  void assertRefused(HttpResponse<Buffer> r, int status, String detailPart) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getValue("detail")).isInstanceOf(String.class);
    assertThat(body.getString("detail")).isNotBlank().contains(detailPart);
  }

  @Test
  @DisplayName("malformed JSON, wrong types, missing and unknown fields: 400 with the reason")
  void malformedBodies() throws Exception {
    Map<String, String> before = tree();
    assertRefused(tc.postRaw("/run-simulation", "{\"config_path\": "), 400, "");
    assertRefused(tc.postRaw("/run-simulation", ""), 400, "");
    assertRefused(tc.postRaw("/run-simulation", "[1,2]"), 400, "");
    assertRefused(jobs.trySubmit(new JsonObject().put("config_path", 5)), 400, "config_path");
    assertRefused(
        jobs.trySubmit(new JsonObject().put("config_path", "demo.yaml").put("image", "x:y")),
        400,
        "");
    assertRefused(jobs.trySubmit(new JsonObject()), 400, "Missing config or config_path");
    assertRefused(
        jobs.trySubmit(new JsonObject().put("config", new JsonObject())),
        400,
        "Missing config or config_path");
    assertRefused(
        jobs.trySubmit(new JsonObject().put("config_path", "demo.yaml").put("target_host", "mars")),
        400,
        "Unknown host 'mars'");
    assertRefused(
        jobs.trySubmit(new JsonObject().put("config_path", "demo.yaml").put("image_tag", "a/b")),
        400,
        "must not contain");
    assertRefused(
        jobs.trySubmit(
            new JsonObject()
                .put("config_path", "demo.yaml")
                .put(
                    "extra_args",
                    new io.vertx.core.json.JsonArray().add("ok").add("bad\u0001arg"))),
        400,
        "extra_args");
    assertRefused(
        jobs.trySubmit(
            new JsonObject()
                .put("config_path", "demo.yaml")
                .put("extra_args", new io.vertx.core.json.JsonArray().add("--name=two words"))),
        400,
        "extra_args");
    assertRefused(
        jobs.trySubmit(
            new JsonObject()
                .put("config_path", "demo.yaml")
                .put("resources", new JsonObject().put("gpus", -1))),
        400,
        "gpus");
    assertRefused(
        jobs.trySubmit(
            new JsonObject()
                .put(
                    "config",
                    new JsonObject().put("execution", new JsonObject().put("docker", true)))),
        400,
        "executor-specific fields under 'execution' (docker)");
    assertRefused(tc.postRaw("/api/agent/next-job", "{oops"), 400, "");
    assertRefused(tc.post("/api/agent/next-job", new JsonObject()), 400, "worker_id");
    assertRefused(
        tc.post("/api/agent/next-job", new JsonObject().put("worker_id", 3)), 400, "worker_id");
    assertRefused(
        tc.post(
            "/api/agent/next-job",
            new JsonObject().put("worker_id", "local").put("wait_seconds", 61)),
        400,
        "wait_seconds");
    assertRefused(
        tc.post(
            "/api/agent/next-job",
            new JsonObject().put("worker_id", "local").put("wait_seconds", "soon")),
        400,
        "wait_seconds");
    assertRefused(
        tc.post("/api/agent/job-status", new JsonObject().put("job_id", existingJob)),
        400,
        "status");
    assertRefused(
        tc.post(
            "/api/agent/job-status",
            new JsonObject()
                .put("job_id", existingJob)
                .put("status", "running")
                .put("exit_code", "zero")),
        400,
        "exit_code");
    assertRefused(
        tc.post("/api/agent/heartbeat", new JsonObject().put("info", new JsonObject())),
        400,
        "worker_id");
    assertRefused(tc.get("/jobs?limit=-1"), 400, "limit");
    assertRefused(tc.get("/jobs?status=sleeping"), 400, "status");
    assertRefused(
        tc.postRaw("/run-simulation", "{\"config_path\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}"),
        413,
        "too large");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "traversal in config_path and save_as, in every spelling, is refused before any write")
  void traversalInNames() throws Exception {
    Map<String, String> before = tree();
    for (String path :
        List.of(
            "../secret.yaml",
            "/etc/passwd",
            "%2e%2e/secret.yaml",
            "configs/../../secret.yaml",
            "sub/../../secret.yaml",
            "..\\secret.yaml",
            "./demo.yaml",
            "",
            "demo.yaml\u0000",
            "..")) {
      var r = jobs.trySubmit(new JsonObject().put("config_path", path));
      assertThat(r.statusCode()).as(path).isBetween(400, 404);
      // A control character is refused by the contract's single-line pattern.
      assertThat(r.bodyAsJsonObject().getString("detail"))
          .as(path)
          .satisfiesAnyOf(
              d -> assertThat(d).isIn("Invalid config_path", "Missing config or config_path"),
              d -> assertThat(d).startsWith("Invalid request body: /config_path"));
    }
    assertRefused(
        jobs.trySubmit(new JsonObject().put("config_path", "nope.yaml")),
        404,
        "Config nope.yaml not found");
    JsonObject inline = new JsonObject().put("experiment", new JsonObject().put("name", "X"));
    for (String name :
        List.of(
            "../x.yaml", "/tmp/x.yaml", "a/b.yaml", "%2e%2e", "..", ".hidden.yaml", "x\\y.yaml")) {
      assertRefused(
          jobs.trySubmit(new JsonObject().put("config", inline).put("save_as", name)),
          400,
          "Invalid file name");
    }
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName("bad and unknown job ids in paths: 4xx with a detail, never a 500")
  void badJobIds() throws Exception {
    Map<String, String> before = tree();
    for (String path :
        List.of(
            "/status/..",
            "/status/%2e%2e",
            "/status/..%2f..%2fjob_track.json",
            "/status/a..b",
            "/job-info/%2e%2e%2fconfigs",
            "/status/%2Fetc%2Fpasswd",
            "/job-info/.hidden")) {
      var r = tc.call(HttpMethod.GET, path, null);
      assertThat(r.statusCode()).as(path).isBetween(400, 404);
      assertThat(r.bodyAsJsonObject().getString("detail")).as(path).isNotBlank();
    }
    assertRefused(tc.get("/status/unknown-job"), 404, "Job not found");
    assertRefused(tc.get("/job-info/unknown-job"), 404, "Job info not found");
    assertRefused(tc.post("/stop/unknown-job", null), 404, "Job not found");
    assertRefused(
        tc.call(HttpMethod.DELETE, "/job/unknown-job", null),
        404,
        "Job not found or already deleted");
    assertRefused(tc.call(HttpMethod.DELETE, "/job/..", null), 404, "");
    assertRefused(tc.call(HttpMethod.DELETE, "/job/a..b", null), 400, "Invalid job_id");
    assertRefused(
        tc.post(
            "/api/agent/job-status",
            new JsonObject().put("job_id", "../x").put("status", "running")),
        400,
        "job_id");
    assertRefused(tc.get("/no/such/route"), 404, "Not Found");
    assertThat(tree()).isEqualTo(before);
  }
}
