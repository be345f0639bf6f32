package eu.opeva.coordinator.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connection limits: defaults, environment, bad values")
class ConnectionSettingsTest {
  @Test
  @DisplayName("10 s for headers, 75 s idle, 256 connections per address by default")
  void defaults() {
    var c = SettingsLoader.load(Optional.empty(), Map.of()).http().connections();
    assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(75));
    assertThat(c.maxPerAddress()).isEqualTo(256);
  }

  @Test
  @DisplayName("HTTP_HEADER_TIMEOUT_SECONDS, HTTP_IDLE_TIMEOUT_SECONDS and the cap override them")
  void environment() {
    var c =
        SettingsLoader.load(
                Optional.empty(),
                Map.of(
                    "HTTP_HEADER_TIMEOUT_SECONDS", "2",
                    "HTTP_IDLE_TIMEOUT_SECONDS", "0.5",
                    "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "1000"))
            .http()
            .connections();
    assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.maxPerAddress()).isEqualTo(1000);
  }

  @Test
  @DisplayName("zero, negative or non-numeric limits stop the start, naming the variable")
  void badValues() {
    for (var bad :
        Map.of(
                "HTTP_HEADER_TIMEOUT_SECONDS", "0",
                "HTTP_IDLE_TIMEOUT_SECONDS", "soon",
                "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0")
            .entrySet()) {
      assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.ofEntries(bad)))
          .isInstanceOf(SettingsException.class)
          .hasMessageContaining(bad.getKey());
    }
  }
}
