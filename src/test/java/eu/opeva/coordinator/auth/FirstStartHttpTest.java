package eu.opeva.coordinator.auth;

import static eu.opeva.coordinator.auth.AuthTesting.basic;
import static eu.opeva.coordinator.auth.AuthTesting.bearer;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A first start with authentication on creates owner-only credentials that just work")
class FirstStartHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("AUTH_ENABLED", "true", "LOCAL_WORKER", "true", "LOCAL_WORKER_SLOTS", "1");
  }

  private Path auth() {
    return tc.config.auth().home().resolve("auth");
  }

  @Test
  @DisplayName(
      "htpasswd, admin-password, roles and agent-tokens are created owner-only; admin signs in")
  void credentialsCreated() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth())))
        .isEqualTo("rwx------");
    for (String f : new String[] {"htpasswd", "admin-password", "roles", "agent-tokens"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth().resolve(f))))
          .as(f)
          .isEqualTo("rw-------");
    }
    assertThat(auth().resolve("htpasswd")).content().startsWith("admin:$2y$10$");
    assertThat(auth().resolve("roles")).content().contains("admin=operator");
    String tokens = Files.readString(auth().resolve("agent-tokens"));
    for (String host : tc.config.hosts().available()) {
      assertThat(tokens).contains(host + "=");
    }
    assertThat(auth().startsWith(root)).as("never in the shared directory").isFalse();
    String password = Files.readString(auth().resolve("admin-password")).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(tc.call(HttpMethod.GET, "/jobs", null, basic("admin", password)).statusCode())
        .isEqualTo(200);
    assertThat(tc.get("/jobs").statusCode()).isEqualTo(401);
    assertThat(tc.get("/health").statusCode()).as("health stays open").isEqualTo(200);

    String before = Files.readString(auth().resolve("htpasswd"));
    tc.restart();
    assertThat(auth().resolve("htpasswd")).as("kept across starts").hasContent(before);
  }

  @Test
  @DisplayName("the built-in worker uses its token with no set-up: a job on host 'local' finishes")
  void localWorkerSignsIn() throws Exception {
    String password = Files.readString(auth().resolve("admin-password")).strip();
    var admin = basic("admin", password);
    JsonObject body =
        new JsonObject()
            .put("target_host", "local")
            .put(
                "config",
                new JsonObject()
                    .put("experiment", new JsonObject().put("name", "S").put("run_name", "r"))
                    .put(
                        "simulation",
                        new JsonObject().put("episodes", 1).put("seconds_per_episode", 0.05)));
    String id =
        new JsonObject(
                tc.call(HttpMethod.POST, "/run-simulation", body.toBuffer(), admin).bodyAsString())
            .getString("job_id");
    String status =
        eventually(
            Duration.ofSeconds(60),
            () -> {
              String s =
                  new JsonObject(
                          tc.call(HttpMethod.GET, "/status/" + id, null, admin).bodyAsString())
                      .getString("status");
              return s.equals("finished") || s.equals("failed") ? s : null;
            });
    assertThat(status).isEqualTo("finished");
    String token =
        Files.readString(auth().resolve("agent-tokens"))
            .lines()
            .filter(l -> l.startsWith("local="))
            .findFirst()
            .orElseThrow()
            .substring(6);
    assertThat(
            tc.call(
                    HttpMethod.POST,
                    "/api/agent/heartbeat",
                    new JsonObject().put("worker_id", "local").toBuffer(),
                    bearer(token))
                .statusCode())
        .isEqualTo(200);
  }
}
