package eu.opeva.coordinator.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Request ids: a sane client id is kept, else a new random UUID")
class RequestIdsTest {

  @Test
  @DisplayName("new ids are version 4 UUIDs of the IETF variant, and differ")
  void newIds() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.newId();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(id).hasSize(36);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  @DisplayName("a client's plain token is kept; anything else is replaced")
  void accept() {
    assertThat(RequestIds.accept("abc-123:x.y")).isEqualTo("abc-123:x.y");
    assertThat(RequestIds.accept("bad id")).isNotEqualTo("bad id").hasSize(36);
    assertThat(RequestIds.accept(null)).hasSize(36);
    assertThat(RequestIds.accept("x".repeat(129))).hasSize(36);
  }
}
