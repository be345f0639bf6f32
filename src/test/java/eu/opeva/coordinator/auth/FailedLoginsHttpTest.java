package eu.opeva.coordinator.auth;

import static eu.opeva.coordinator.auth.AuthTesting.PASSWORD;
import static eu.opeva.coordinator.auth.AuthTesting.basic;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failed sign-ins are limited per address: past the limit, 429 with Retry-After")
class FailedLoginsHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> seed() {
    Map<String, String> files = new HashMap<>(super.seed());
    files.putAll(AuthTesting.files());
    return files;
  }

  @Override
  protected Map<String, String> env() {
    return AuthTesting.env(root, 3);
  }

  private int jobs(String user, String password) {
    return tc.call(HttpMethod.GET, "/jobs", null, basic(user, password)).statusCode();
  }

  @Test
  @DisplayName(
      "three wrong passwords, then 429 (no password is checked), and a minute later it works")
  void limited() {
    assertThat(jobs("viewer1", PASSWORD)).isEqualTo(200); // verified: remembered for a while
    for (int i = 0; i < 3; i++) {
      assertThat(jobs("operator1", "guess" + i)).isEqualTo(401);
    }
    var limited = tc.call(HttpMethod.GET, "/jobs", null, basic("operator1", PASSWORD));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(jobs("viewer1", PASSWORD))
        .as("credentials verified before still work")
        .isEqualTo(200);
    clock.advance(Duration.ofSeconds(61));
    assertThat(jobs("operator1", PASSWORD)).isEqualTo(200);
  }
}
