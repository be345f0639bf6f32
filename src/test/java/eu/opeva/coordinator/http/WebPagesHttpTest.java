package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The index page and Swagger UI at /docs are open to anyone, with authentication on")
class WebPagesHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("AUTH_ENABLED", "true");
  }

  @Test
  @DisplayName("GET / says what this is and links to /health, /openapi.yaml and /docs")
  void index() {
    var r = tc.get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeaders.CSP);
    assertThat(r.bodyAsString())
        .contains("<title>OPEVA Coordinator</title>", "job coordinator")
        .contains("href=\"/health\"", "href=\"/openapi.yaml\"", "href=\"/docs\"");
  }

  @Test
  @DisplayName("GET /docs is Swagger UI on /openapi.yaml, its files served from the webjar")
  void docs() {
    for (String path : new String[] {"/docs", "/docs/"}) {
      var page = tc.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.getHeader("Content-Type")).startsWith("text/html");
      assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeaders.CSP);
      assertThat(page.bodyAsString())
          .contains("src=\"/docs/swagger-ui-bundle.js\"", "href=\"/docs/swagger-ui.css\"")
          .contains("src=\"/docs/opeva-docs.js\"")
          .doesNotContain("<script>", "style=");
    }
    var init = tc.get("/docs/opeva-docs.js");
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(init.bodyAsString()).contains("url: \"/openapi.yaml\"", "validatorUrl: null");

    var bundle = tc.get("/docs/swagger-ui-bundle.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(bundle.getHeader("Cache-Control")).contains("max-age");
    assertThat(bundle.bodyAsString()).contains("SwaggerUIBundle");
    var css = tc.get("/docs/swagger-ui.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.getHeader("Content-Type")).startsWith("text/css");
    assertThat(tc.call(HttpMethod.HEAD, "/docs", null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("only the files the page uses are served; everything else still needs credentials")
  void nothingElseOpens() {
    for (String path :
        new String[] {"/docs/index.html", "/docs/swagger-initializer.js", "/docs/nope.js"}) {
      assertThat(tc.get(path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(tc.get("/docs/../jobs").statusCode()).isEqualTo(401);
    for (String path : new String[] {"/status/..", "/logs/%2E%2E", "/docs/x/.."}) {
      assertThat(tc.get(path).statusCode()).as("only normalises to a page: " + path).isEqualTo(404);
    }
    assertThat(tc.get("/jobs").statusCode()).isEqualTo(401);
    assertThat(tc.get("/docsx").statusCode()).isEqualTo(404);
    assertThat(tc.call(HttpMethod.POST, "/", null).statusCode()).isEqualTo(405);
    assertThat(tc.get("/openapi.yaml").statusCode()).isEqualTo(200);
  }
}
