package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.settings.SettingsLoader;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Host warnings name a few hosts and count the others, and look only at agents seen")
class HostWarningsTest {
  private static final long NOW = 1_796_115_700_000L;

  private static HostWarnings of(int hosts) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < hosts; i++) {
      names.append(i == 0 ? "" : ",").append("h").append(i);
    }
    return new HostWarnings(
        SettingsLoader.load(Optional.empty(), Map.of("AVAILABLE_HOSTS", names.toString())));
  }

  private static JsonObject seen(String host, long at) {
    return new JsonObject()
        .put("started_at", 1_796_115_000.0)
        .put("workers", new JsonObject().put(host, new JsonObject().put("last_seen", at / 1000.0)));
  }

  @Test
  @DisplayName("with 10,000 hosts and none seen, the warning names five and counts the rest")
  void manyHosts() {
    var warnings = of(10_000).of(null, new JsonObject(), NOW);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .startsWith("no agent of a host that may take it (h0, h1, h2, h3, h4 and 9995 more)")
        .hasSizeLessThan(200);
  }

  @Test
  @DisplayName("one host seen within the TTL is enough for an unpinned job; one seen long ago not")
  void seenHost() {
    HostWarnings w = of(10_000);
    assertThat(w.of(null, seen("h9999", NOW - 1000), NOW)).isEmpty();
    assertThat(w.of(null, seen("h9999", NOW - 3_600_000), NOW)).hasSize(1);
    assertThat(w.of(null, seen("elsewhere", NOW - 1000), NOW)).hasSize(1);
    assertThat(of(3).of(null, new JsonObject(), NOW).get(0)).contains("(h0, h1, h2)");
  }
}
