package eu.opeva.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LOG_FORMAT and LOG_LEVEL are checked before anything logs and handed to Logback")
class LogSettingsTest {
  @Test
  @DisplayName("unset or empty: plain at INFO")
  void defaults() {
    Properties p = new Properties();
    assertThat(LogSettings.apply(Map.of("LOG_FORMAT", ""), p)).isNull();
    assertThat(p).containsEntry("LOG_FORMAT", "plain").containsEntry("LOG_LEVEL", "INFO");
  }

  @Test
  @DisplayName("the environment in any case; a system property of the same name wins")
  void environmentAndProperty() {
    Properties p = new Properties();
    assertThat(LogSettings.apply(Map.of("LOG_FORMAT", "JSON", "LOG_LEVEL", "debug"), p)).isNull();
    assertThat(p).containsEntry("LOG_FORMAT", "json").containsEntry("LOG_LEVEL", "DEBUG");
    Properties given = new Properties();
    given.setProperty("LOG_FORMAT", "plain");
    assertThat(LogSettings.apply(Map.of("LOG_FORMAT", "json"), given)).isNull();
    assertThat(given).containsEntry("LOG_FORMAT", "plain");
  }

  @Test
  @DisplayName("another value is refused with a message naming the setting and the choices")
  void refused() {
    Properties p = new Properties();
    assertThat(LogSettings.apply(Map.of("LOG_FORMAT", "xml"), p))
        .isEqualTo("LOG_FORMAT: 'xml' is not one of [plain, json]");
    assertThat(LogSettings.apply(Map.of("LOG_LEVEL", "loud"), p)).startsWith("LOG_LEVEL: 'LOUD'");
    assertThat(p).isEmpty();
  }
}
