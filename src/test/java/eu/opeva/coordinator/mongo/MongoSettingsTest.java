package eu.opeva.coordinator.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsException;
import eu.opeva.coordinator.settings.SettingsLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "MongoDB settings: embedded by default, the replaced service's variables otherwise, no secrets shown")
class MongoSettingsTest {

  @Test
  @DisplayName(
      "with no MONGO_URI or MONGO_HOST the embedded server is used and no credentials are set")
  void embeddedByDefault() {
    Settings c = SettingsLoader.load(Optional.empty(), Map.of());
    assertThat(c.mongo().embedded()).isTrue();
    assertThat(c.mongo().user()).isEmpty();
    assertThat(c.mongo().password()).isEmpty();
    assertThat(c.mongo().demo().enabled()).isFalse();
    assertThat(c.withDemoData(true).mongo().demo().enabled()).as("serve --demo-data").isTrue();
    assertThat(c.withDemoData(true).mongo().demo().site()).isEqualTo("demo_site");
    assertThat(c.datasets().acceptableGapMinutes()).isEqualTo(60);
  }

  @Test
  @DisplayName(
      "MONGO_HOST and friends build an encoded connection string; the password never shows")
  void fromParts() {
    Settings c =
        SettingsLoader.load(
            Optional.empty(),
            Map.of(
                "MONGO_HOST",
                "db.example",
                "MONGO_PORT",
                "27018",
                "MONGO_USER",
                "ops@site",
                "MONGO_PASSWORD",
                "p:ss/word",
                "MONGO_AUTH_SOURCE",
                "admin",
                "DEMO_DATA",
                "true",
                "ACCEPTABLE_GAP_IN_MINUTES",
                "30"));
    assertThat(c.mongo().embedded()).isFalse();
    assertThat(MongoConnection.external(c.mongo()))
        .isEqualTo("mongodb://ops%40site:p%3Ass%2Fword@db.example:27018/?authSource=admin");
    assertThat(c.mongo().toString()).doesNotContain("p:ss").doesNotContain("ops@site");
    assertThat(c.toString()).doesNotContain("p:ss");
    assertThat(c.mongo().demo().enabled()).isTrue();
    assertThat(c.datasets().acceptableGapMinutes()).isEqualTo(30);
    assertThat(
            MongoConnection.external(
                SettingsLoader.load(Optional.empty(), Map.of("MONGO_HOST", "h")).mongo()))
        .isEqualTo("mongodb://h:27017/");
  }

  @Test
  @DisplayName(
      "MONGO_URI wins; a value that is not a mongodb:// URI is refused without being echoed")
  void uri() {
    Settings c =
        SettingsLoader.load(
            Optional.empty(), Map.of("MONGO_URI", "mongodb://u:secret@h:1/", "MONGO_HOST", "x"));
    assertThat(MongoConnection.external(c.mongo())).isEqualTo("mongodb://u:secret@h:1/");
    assertThat(c.mongo().toString()).doesNotContain("secret");
    assertThatThrownBy(
            () -> SettingsLoader.load(Optional.empty(), Map.of("MONGO_URI", "http://u:secret@h")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("MONGO_URI")
        .hasMessageNotContaining("secret");
  }
}
