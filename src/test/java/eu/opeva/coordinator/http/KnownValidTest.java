package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Valid inputs are known by their exact bytes or text, a bounded number of small ones")
class KnownValidTest {

  @Test
  @DisplayName("the same bytes are known, other bytes (even the same JSON spaced) are not")
  void exactBytes() {
    KnownValid<Buffer> bodies = KnownValid.bodies(8);
    Buffer body = Buffer.buffer("{\"worker_id\":\"w1\"}");
    bodies.remember(body);
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\":\"w1\"}"))).isTrue();
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\": \"w1\"}"))).isFalse();
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\":\"w2\"}"))).isFalse();
  }

  @Test
  @DisplayName("what is remembered is a copy: a buffer changed later is not known")
  void copies() {
    KnownValid<Buffer> bodies = KnownValid.bodies(8);
    Buffer body = Buffer.buffer("{\"worker_id\":\"w1\"}");
    bodies.remember(body);
    body.setString(15, "x");
    assertThat(bodies.known(body)).isFalse();
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\":\"w1\"}"))).isTrue();
  }

  @Test
  @DisplayName("large bodies are never remembered, and a full set is forgotten at once")
  void bounded() {
    KnownValid<Buffer> bodies = KnownValid.bodies(3);
    Buffer large = Buffer.buffer("x".repeat(KnownValid.MAX_SIZE + 1));
    bodies.remember(large);
    assertThat(bodies.known(large)).isFalse();
    for (int i = 0; i < 3; i++) {
      bodies.remember(Buffer.buffer("{\"n\":" + i + "}"));
    }
    assertThat(bodies.size()).isEqualTo(3);
    bodies.remember(Buffer.buffer("{\"n\":3}"));
    assertThat(bodies.size()).isEqualTo(1);
    assertThat(bodies.known(Buffer.buffer("{\"n\":0}"))).isFalse();
    assertThat(bodies.known(Buffer.buffer("{\"n\":3}"))).isTrue();
  }

  @Test
  @DisplayName("parameter values are known as sent")
  void values() {
    KnownValid<String> values = KnownValid.values(8);
    values.remember("1f0e6f0c-3c1e-4a7e-9d2b-6c8f1e2a3b4c");
    assertThat(values.known("1f0e6f0c-3c1e-4a7e-9d2b-6c8f1e2a3b4c")).isTrue();
    assertThat(values.known("1F0E6F0C-3C1E-4A7E-9D2B-6C8F1E2A3B4C")).isFalse();
  }
}
