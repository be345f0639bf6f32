package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connection time rules: header timeout, idle timeout, requests in flight never cut")
class ConnectionTimesTest {
  static final long S = 1_000_000_000L;
  final ConnectionTimes<String> times =
      new ConnectionTimes<>(Duration.ofSeconds(10), Duration.ofSeconds(60));

  @Test
  @DisplayName("a new connection without complete request headers is due after the header timeout")
  void headerTimeout() {
    times.opened("a", 0);
    times.opened("b", 5 * S);
    assertThat(times.expired(10 * S - 1)).isEmpty();
    assertThat(times.expired(10 * S)).containsExactly("a");
    assertThat(times.expired(15 * S)).containsExactly("b");
    assertThat(times.size()).isZero();
  }

  @Test
  @DisplayName("a request in flight is never cut, however long and quiet; then the idle time runs")
  void inFlight() {
    AtomicBoolean ended = new AtomicBoolean();
    times.opened("poll", 0);
    times.requestStarted("poll", ended::get, 1 * S);
    for (long t = 2; t < 3600; t += 7) {
      assertThat(times.expired(t * S)).as("at %d s", t).isEmpty();
    }
    ended.set(true);
    assertThat(times.expired(3600 * S)).as("idle from the sweep that saw the end").isEmpty();
    assertThat(times.expired((3600 + 60) * S - 1)).isEmpty();
    assertThat(times.expired((3600 + 60) * S)).containsExactly("poll");
  }

  @Test
  @DisplayName("after a request the idle timeout applies, not the header timeout")
  void servedConnectionsUseTheIdleTimeout() {
    times.opened("kept", 0);
    times.requestStarted("kept", () -> true, 1 * S);
    assertThat(times.expired(2 * S)).isEmpty();
    assertThat(times.expired(30 * S)).isEmpty();
    assertThat(times.expired(62 * S - 1)).isEmpty();
    assertThat(times.expired(62 * S)).containsExactly("kept");
  }

  @Test
  @DisplayName("several requests in flight on one connection: idle only once all have ended")
  void severalInFlight() {
    AtomicBoolean first = new AtomicBoolean();
    AtomicBoolean second = new AtomicBoolean();
    times.opened("c", 0);
    times.requestStarted("c", first::get, 0);
    times.requestStarted("c", second::get, 0);
    first.set(true);
    assertThat(times.expired(100 * S)).isEmpty();
    second.set(true);
    assertThat(times.expired(200 * S)).isEmpty();
    assertThat(times.expired(260 * S)).containsExactly("c");
  }

  @Test
  @DisplayName("closed connections and requests of unknown connections are forgotten")
  void closedAndUnknown() {
    times.opened("gone", 0);
    times.closed("gone");
    times.requestStarted("never-opened", () -> false, 0);
    assertThat(times.size()).isZero();
    assertThat(times.expired(1000 * S)).isEmpty();
  }
}
