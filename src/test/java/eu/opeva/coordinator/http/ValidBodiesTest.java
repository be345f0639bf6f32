package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Valid bodies are known by their exact bytes, a bounded number of small ones")
class ValidBodiesTest {

  @Test
  @DisplayName("the same bytes are known, other bytes (even the same JSON spaced) are not")
  void exactBytes() {
    ValidBodies bodies = new ValidBodies(8);
    Buffer body = Buffer.buffer("{\"worker_id\":\"w1\"}");
    bodies.remember(body);
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\":\"w1\"}"))).isTrue();
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\": \"w1\"}"))).isFalse();
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\":\"w2\"}"))).isFalse();
  }

  @Test
  @DisplayName("what is remembered is a copy: a buffer changed later is not known")
  void copies() {
    ValidBodies bodies = new ValidBodies(8);
    Buffer body = Buffer.buffer("{\"worker_id\":\"w1\"}");
    bodies.remember(body);
    body.setString(15, "x");
    assertThat(bodies.known(body)).isFalse();
    assertThat(bodies.known(Buffer.buffer("{\"worker_id\":\"w1\"}"))).isTrue();
  }

  @Test
  @DisplayName("large bodies are never remembered, and a full set is forgotten at once")
  void bounded() {
    ValidBodies bodies = new ValidBodies(3);
    Buffer large = Buffer.buffer("x".repeat(ValidBodies.MAX_BYTES + 1));
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
}
