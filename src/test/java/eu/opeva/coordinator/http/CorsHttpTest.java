package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Browsers from the configured origins may call the API (CORS with credentials)")
class CorsHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("CORS_ALLOWED_ORIGINS", "[\"http://ui.example:3000\", \"https://ops.example\"]");
  }

  @Test
  @DisplayName(
      "preflight and simple requests from an allowed origin get the CORS headers; others do not")
  void allowedOrigins() {
    var preflight =
        TestCoordinator.await(
            tc.client
                .request(HttpMethod.OPTIONS, tc.port(), "127.0.0.1", "/run-simulation")
                .putHeader("Origin", "http://ui.example:3000")
                .putHeader("Access-Control-Request-Method", "POST")
                .putHeader("Access-Control-Request-Headers", "content-type")
                .send());
    assertThat(preflight.statusCode()).isIn(200, 204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin"))
        .isEqualTo("http://ui.example:3000");
    assertThat(preflight.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST");

    var simple =
        TestCoordinator.await(
            tc.client
                .get(tc.port(), "127.0.0.1", "/health")
                .putHeader("Origin", "https://ops.example")
                .send());
    assertThat(simple.statusCode()).isEqualTo(200);
    assertThat(simple.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://ops.example");

    var other =
        TestCoordinator.await(
            tc.client
                .get(tc.port(), "127.0.0.1", "/health")
                .putHeader("Origin", "http://evil.example")
                .send());
    assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  @DisplayName(
      "a browser's own-origin requests (module scripts, POSTs from the console) need no listed origin; another port does")
  void sameOrigin() {
    String own = "http://127.0.0.1:" + tc.port();
    for (String path : new String[] {"/ui/js/main.js", "/health"}) {
      var r =
          TestCoordinator.await(
              tc.client.get(tc.port(), "127.0.0.1", path).putHeader("Origin", own).send());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
    var post =
        TestCoordinator.await(
            tc.client
                .post(tc.port(), "127.0.0.1", "/run-simulation")
                .putHeader("Origin", own)
                .sendJsonObject(
                    new io.vertx.core.json.JsonObject().put("config_path", "demo.yaml")));
    assertThat(post.statusCode()).as(post.bodyAsString()).isEqualTo(200);
    var otherPort =
        TestCoordinator.await(
            tc.client
                .get(tc.port(), "127.0.0.1", "/health")
                .putHeader("Origin", "http://127.0.0.1:1")
                .send());
    assertThat(otherPort.statusCode()).isEqualTo(403);
    assertThat(otherPort.getHeader("Access-Control-Allow-Origin")).isNull();
  }
}
