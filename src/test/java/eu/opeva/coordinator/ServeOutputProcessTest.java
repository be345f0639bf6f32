package eu.opeva.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} writes, as a person or a log shipper reads it. */
@DisplayName("serve logs timestamped lines without colour codes (or JSON lines) and one ready line")
class ServeOutputProcessTest {
  private static final Pattern PLAIN =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"
              + " (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^\\]]+\\] [\\w.$]+ - .*");

  @Test
  @DisplayName("plain: timestamp, level, thread, logger, message; the ready line signs in as admin")
  void plain(@TempDir Path tmp) throws Exception {
    try (CoordinatorProcess coordinator =
        new CoordinatorProcess(tmp.resolve("shared"), Map.of("AUTH_ENABLED", "true")).start()) {
      List<String> lines = coordinator.output().lines().toList();
      assertThat(coordinator.output()).doesNotContain("\u001b");
      assertThat(lines).isNotEmpty().allMatch(l -> PLAIN.matcher(l).matches());
      String url = "http://127.0.0.1:" + coordinator.port() + "/";
      assertThat(lines)
          .filteredOn(l -> l.contains(" - ready at "))
          .singleElement()
          .asString()
          .contains("ready at " + url + " (listening on 127.0.0.1:" + coordinator.port() + ")")
          .contains("shared directory " + tmp.resolve("shared"))
          .endsWith(
              "Try: curl -u \"admin:$(cat "
                  + tmp.resolve("shared-home/auth/admin-password")
                  + ")\" "
                  + url
                  + "jobs");
    }
  }

  @Test
  @DisplayName("LOG_FORMAT=json: every line one JSON object with timestamp, level and message")
  void json(@TempDir Path tmp) throws Exception {
    try (CoordinatorProcess coordinator =
        new CoordinatorProcess(tmp.resolve("shared"), Map.of("LOG_FORMAT", "json")).start()) {
      List<JsonObject> events = coordinator.output().lines().map(JsonObject::new).toList();
      assertThat(events)
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.getLong("timestamp")).isPositive();
                assertThat(e.getString("level")).isIn("INFO", "WARN", "ERROR", "DEBUG", "TRACE");
                assertThat(e.getString("loggerName")).isNotBlank();
              });
      assertThat(events)
          .map(e -> e.getString("formattedMessage"))
          .anyMatch(m -> m.startsWith("ready at http://127.0.0.1:" + coordinator.port() + "/"));
    }
  }
}
