package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import eu.opeva.coordinator.testing.LogCapture;
import eu.opeva.coordinator.testing.RawHttp;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Malformed and hostile requests get a clear 4xx in the one error shape, and no ERROR")
class HostileRequestsHttpTest extends CoordinatorHttpTest {
  LogCapture log;

  @Override
  protected Map<String, String> env() {
    return Map.of("CORS_ALLOWED_ORIGINS", "http://ui.example:3000");
  }

  @BeforeEach
  void captureLog() {
    log = LogCapture.start();
  }

  @AfterEach
  void noErrorLogged() {
    log.close();
    assertThat(log.text()).doesNotContain("ERROR", "Exception");
  }

  static void assertShape(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("detail", "request_id");
    assertThat(body.getString("detail")).isNotBlank();
    assertThat(body.getString("request_id")).isEqualTo(r.getHeader("X-Request-Id"));
  }

  HttpResponse<Buffer> get(String path, String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return tc.call(HttpMethod.GET, path, null, h);
  }

  @Test
  @DisplayName(
      "every answer has a request id: the client's when it is a sane token, else a new one")
  void requestIds() {
    var ok = get("/health", "X-Request-Id", "probe-42.a:b");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.getHeader("X-Request-Id")).isEqualTo("probe-42.a:b");

    var missing = get("/status/no-such-job", "X-Request-Id", "probe-43");
    assertShape(missing, 404);
    assertThat(missing.bodyAsJsonObject().getString("request_id")).isEqualTo("probe-43");

    for (String insane : new String[] {"a b", "x".repeat(200), "<script>", "-lead"}) {
      var r = get("/status/no-such-job", "X-Request-Id", insane);
      assertShape(r, 404);
      assertThat(r.getHeader("X-Request-Id")).isNotEqualTo(insane).matches("[0-9a-f-]{36}");
    }
    var generated = get("/health");
    assertThat(generated.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(get("/health").getHeader("X-Request-Id"))
        .isNotEqualTo(generated.getHeader("X-Request-Id"));
  }

  @Test
  @DisplayName("nosniff on every answer; no-store on API answers")
  void securityHeaders() {
    for (var r : new HttpResponse<?>[] {get("/health"), get("/status/nope"), get("/nowhere")}) {
      assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
    }
  }

  @Test
  @DisplayName("a path or query that is not valid percent-encoding is a 400, not a 500")
  void badPercentEncoding() throws Exception {
    for (String target : new String[] {"/%", "/status/%zz", "/jobs?limit=%zz", "/status/a%2"}) {
      String raw =
          RawHttp.exchange(
              tc.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(RawHttp.status(raw)).as(target + ":\n" + raw).isEqualTo(400);
      assertThat(raw).contains("\"request_id\"").containsIgnoringCase("x-request-id: ");
    }
  }

  @Test
  @DisplayName(
      "a JSON body that is not UTF-8 (overlong '/', an encoded surrogate, beyond U+10FFFF) is a"
          + " 400, never read as the text it resembles; nothing changes")
  void bodiesThatAreNotUtf8() {
    var before = DirectoryDigest.of(root);
    int[][] invalid = {{0xc0, 0xaf}, {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80}, {0xff}};
    for (int[] bytes : invalid) {
      Buffer body = Buffer.buffer("{\"config_path\": \"demo.yaml\", \"job_name\": \"a");
      for (int b : bytes) {
        body.appendByte((byte) b);
      }
      body.appendString("b\"}");
      var r = tc.call(HttpMethod.POST, "/run-simulation", body);
      assertShape(r, 400);
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("UTF-8");
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    var plain =
        jobs.trySubmit(new JsonObject().put("config_path", "demo.yaml").put("job_name", "é ✓"));
    assertThat(plain.statusCode()).as(plain.bodyAsString()).isEqualTo(200);
  }

  static String nested(int levels) {
    return "{\"a\": ".repeat(levels) + "1" + "}".repeat(levels);
  }

  @Test
  @DisplayName(
      "a JSON body nested deeper than 64 levels is a 400 (it once failed the job's files with 503"
          + " and a site schema with 500); a body of 64 levels is fine")
  void deepBodies() {
    String id = jobs.running("worker-a");
    assertThat(tc.postRaw("/schema/create", "{\"site\": \"deep\", \"schema\": {}}").statusCode())
        .isEqualTo(200);
    var before = DirectoryDigest.of(root);
    String report =
        "{\"job_id\": \""
            + id
            + "\", \"status\": \"running\", \"worker_id\": \"worker-a\","
            + " \"attempt\": 1, \"details\": ";
    for (int levels : new int[] {64, 900}) {
      assertShape(tc.postRaw("/api/agent/job-status", report + nested(levels) + "}"), 400);
      var schema =
          tc.call(
              HttpMethod.PUT,
              "/schema/update/deep",
              Buffer.buffer("{\"schema\": " + nested(levels) + "}"));
      assertShape(schema, 400);
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(tc.postRaw("/api/agent/job-status", report + nested(63) + "}").statusCode())
        .isEqualTo(200);
    assertThat(jobs.state(id)).isEqualTo("running");
  }

  @Test
  @DisplayName("a form body sent to an operation without a body (even GET /health) is a 415")
  void formBodiesOnGet() {
    var multipart =
        tc.client
            .get(tc.port(), "127.0.0.1", "/health")
            .putHeader("Content-Type", "multipart/form-data; boundary=xx")
            .sendBuffer(
                Buffer.buffer(
                    "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--xx--\r\n"));
    assertShape(TestCoordinator.await(multipart), 415);
    var urlencoded =
        tc.client
            .get(tc.port(), "127.0.0.1", "/status/x")
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .sendBuffer(Buffer.buffer("a=b"));
    assertShape(TestCoordinator.await(urlencoded), 415);
    assertThat(get("/health", "Content-Type", "multipart/form-data; boundary=xx").statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a form body sent to a JSON operation is a 415, also where the body is optional: the"
          + " operation does not run as if no body had been sent")
  void formBodiesOnJsonOperations() {
    String queued = jobs.submit("deucalion");
    var before = DirectoryDigest.of(root);
    String multipart =
        "--xx\r\nContent-Disposition: form-data; name=\"force\"\r\n\r\ntrue\r\n--xx--\r\n";
    for (String path :
        new String[] {"/ops/jobs/" + queued + "/cancel", "/ops/jobs/cleanup", "/run-simulation"}) {
      var form =
          tc.client
              .post(tc.port(), "127.0.0.1", path)
              .putHeader("Content-Type", "multipart/form-data; boundary=xx")
              .sendBuffer(Buffer.buffer(multipart));
      assertShape(TestCoordinator.await(form), 415);
      var urlencoded =
          tc.client
              .post(tc.port(), "127.0.0.1", path)
              .putHeader("Content-Type", "application/x-www-form-urlencoded")
              .sendBuffer(Buffer.buffer("force=true"));
      assertShape(TestCoordinator.await(urlencoded), 415);
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(jobs.state(queued)).isEqualTo("queued");
  }

  @Test
  @DisplayName("HEAD is answered like GET, without a body, on every GET route")
  void head() {
    String job = jobs.submit();
    for (String path : new String[] {"/health", "/status/" + job, "/jobs", "/openapi.yaml"}) {
      var got = get(path);
      var head = tc.call(HttpMethod.HEAD, path, null);
      assertThat(head.statusCode()).as(path).isEqualTo(got.statusCode()).isEqualTo(200);
      assertThat(head.body() == null || head.body().length() == 0).as(path).isTrue();
      assertThat(head.getHeader("Content-Type")).isEqualTo(got.getHeader("Content-Type"));
      assertThat(head.getHeader("X-Request-Id")).isNotBlank();
    }
    assertThat(tc.call(HttpMethod.HEAD, "/status/no-such-job", null).statusCode()).isEqualTo(404);
    assertThat(tc.call(HttpMethod.HEAD, "/run-simulation", null).statusCode()).isEqualTo(405);
  }

  @Test
  @DisplayName("a request from an origin that is not configured is a plain 403")
  void unlistedOrigin() {
    var refused = get("/health", "Origin", "http://evil.example");
    assertShape(refused, 403);
    assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(get("/health", "Origin", "http://ui.example:3000").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "Content-Length with Transfer-Encoding (request smuggling) is a 400; nothing changes")
  void conflictingFraming() throws Exception {
    var before = DirectoryDigest.of(root);
    String chunk = "{\"config_path\": \"demo.yaml\"}";
    String body = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
    for (String version : new String[] {"HTTP/1.1", "HTTP/1.0"}) {
      String raw =
          RawHttp.exchange(
              tc.port(),
              "POST /run-simulation "
                  + version
                  + "\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n"
                  + body);
      assertThat(RawHttp.status(raw)).as(version + ":\n" + raw).isIn(400, -1);
      assertThat(raw).doesNotContain("job_id");
    }
    String odd =
        RawHttp.exchange(
            tc.port(),
            "POST /run-simulation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n"
                + body);
    assertThat(RawHttp.status(odd)).as(odd).isEqualTo(400);
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    String plain =
        RawHttp.exchange(
            tc.port(),
            "POST /run-simulation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + body);
    assertThat(RawHttp.status(plain)).as(plain).isEqualTo(200);
  }
}
