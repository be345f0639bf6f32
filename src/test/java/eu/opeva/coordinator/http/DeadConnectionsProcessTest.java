package eu.opeva.coordinator.http;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.HealthProbe;
import eu.opeva.coordinator.testing.RawClients;
import eu.opeva.coordinator.testing.RawClients.Client;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real coordinator with a small heap and short timeouts (headers 2 s, idle 3 s) and the
 * default cap of 256 connections per address: raw connections from several loopback addresses that
 * never send, stop after one request, or send their request line a byte at a time, and more
 * connections from one address than the cap. {@code /health} is asked over new connections from
 * 127.0.0.1 all along.
 */
@DisplayName("Idle, slow-header and surplus connections are closed; /health answers throughout")
class DeadConnectionsProcessTest {
  static final Duration HEADER = Duration.ofSeconds(2);
  static final Duration IDLE = Duration.ofSeconds(3);

  /** Sweep period, accepting 1,400 connections on a slow machine, scheduling. */
  static final Duration LATE = Duration.ofMillis(2500);

  /** The server may start a connection's clock a moment before the client has noted its connect. */
  static final Duration EARLY = Duration.ofMillis(100);

  /** A connection over the cap is closed in milliseconds; no timeout closes one this soon. */
  static final Duration AT_ONCE = Duration.ofSeconds(1);

  static final int CAP = 256;
  static final String SLOW_REQUEST =
      "GET /health HTTP/1.1\r\nHost: slow\r\nX-Pad: " + "a".repeat(200);

  @Test
  @DisplayName("300 from one address: 44 closed at once; 1,000 idle and 100 slow: closed in time")
  void deadConnections(@TempDir Path tmp) throws Exception {
    try (CoordinatorProcess coordinator =
            new CoordinatorProcess(tmp.resolve("shared"), Map.of())
                .heap("64m")
                .env("HTTP_HEADER_TIMEOUT_SECONDS", "2")
                .env("HTTP_IDLE_TIMEOUT_SECONDS", "3");
        RawClients clients = new RawClients(coordinator.start().port());
        HealthProbe health = HealthProbe.start(coordinator.port(), Duration.ofMillis(100))) {
      // The cap: loopback is not exempt.
      List<Client> crowd = new ArrayList<>();
      for (int i = 0; i < CAP + 44; i++) {
        crowd.add(clients.open("127.0.0.9"));
      }
      eventually(Duration.ofSeconds(10), "44 connections closed", () -> closed(crowd) >= 44);
      long atOnce = crowd.stream().filter(c -> c.closed() && closedAtOnce(c)).count();
      assertThat(atOnce).as("closed before any timeout could close them").isEqualTo(44);
      eventually(Duration.ofSeconds(20), "the crowd closed", () -> closed(crowd) == crowd.size());
      Stats kept = stats(crowd, Client::closedAfterConnect, c -> !closedAtOnce(c));
      assertThat(kept.count).isEqualTo(CAP);
      assertThat(kept.shortest).isGreaterThanOrEqualTo(HEADER.minus(EARLY));

      // 1,000 idle connections from four addresses (one in ten after one request), 100 slow.
      List<Client> silent = new ArrayList<>();
      List<Client> served = new ArrayList<>();
      List<Client> slow = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        Client c = clients.open("127.0.0." + (2 + i % 4));
        if (i % 10 == 0) {
          c.send("GET /health HTTP/1.1\r\nHost: kept\r\n\r\n");
          served.add(c);
        } else {
          silent.add(c);
        }
      }
      for (int i = 0; i < 100; i++) {
        slow.add(clients.open("127.0.0.6"));
      }
      clients.trickle(slow, SLOW_REQUEST, Duration.ofMillis(100));
      List<Client> all = new ArrayList<>(silent);
      all.addAll(served);
      all.addAll(slow);
      eventually(Duration.ofSeconds(30), "every connection closed", () -> closed(all) == 1100);

      Stats silentStats = stats(silent, Client::closedAfterConnect, c -> true);
      Stats slowStats = stats(slow, Client::closedAfterConnect, c -> true);
      Stats servedStats = stats(served, Client::closedAfterLastByte, c -> true);
      assertThat(served).allMatch(c -> c.text().startsWith("HTTP/1.1 200"));
      assertThat(silentStats.shortest).isGreaterThanOrEqualTo(HEADER.minus(EARLY));
      assertThat(silentStats.longest).isLessThan(HEADER.plus(LATE));
      assertThat(slowStats.shortest).isGreaterThanOrEqualTo(HEADER.minus(EARLY));
      assertThat(slowStats.longest).isLessThan(HEADER.plus(LATE));
      assertThat(servedStats.shortest).isGreaterThanOrEqualTo(IDLE.minus(EARLY));
      assertThat(servedStats.longest).isLessThan(IDLE.plus(LATE));

      assertThat(health.failed()).isZero();
      assertThat(health.answered()).isGreaterThan(20);
      // Typically under 0.2 s; a loaded shared machine (CI) may take longer, not a hang.
      assertThat(health.slowest()).isLessThan(Duration.ofSeconds(2));
      System.out.printf(
          "cap: %d closed at once, %d kept (closed after %s); 900 silent closed after %s;"
              + " 100 served closed %s after their answer; 100 slow closed after %s;"
              + " /health answered %d times, slowest %d ms%n",
          atOnce,
          kept.count,
          kept,
          silentStats,
          servedStats,
          slowStats,
          health.answered(),
          health.slowest().toMillis());
    }
  }

  private static boolean closedAtOnce(Client c) {
    return c.closedAfterConnect().compareTo(AT_ONCE) < 0;
  }

  private static int closed(List<Client> clients) {
    return (int) clients.stream().filter(Client::closed).count();
  }

  record Stats(long count, Duration shortest, Duration longest) {
    @Override
    public String toString() {
      return shortest.toMillis() + ".." + longest.toMillis() + " ms";
    }
  }

  private static Stats stats(
      List<Client> clients,
      Function<Client, Duration> time,
      java.util.function.Predicate<Client> which) {
    List<Duration> times = clients.stream().filter(which).map(time).sorted().toList();
    return new Stats(times.size(), times.get(0), times.get(times.size() - 1));
  }
}
