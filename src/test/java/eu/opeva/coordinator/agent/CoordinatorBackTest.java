package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.awaitStatus;
import static eu.opeva.coordinator.agent.AgentTesting.sim;
import static eu.opeva.coordinator.agent.AgentTesting.submitSample;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("After a coordinator outage the agent carries on as soon as a heartbeat goes through")
class CoordinatorBackTest extends CoordinatorHttpTest {
  /** A retry delay far longer than the test waits: only a heartbeat can end it in time. */
  private static final AgentSettings.Timings LONG_BACKOFF =
      new AgentSettings.Timings(
          Duration.ofMillis(200),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120));

  // A fixed port, so that the agent finds the coordinator again after its restart.
  private final int port = freePort();
  private Vertx vertx;
  private AgentTesting.Deployed agent;

  @Override
  protected Map<String, String> env() {
    return Map.of("HTTP_PORT", String.valueOf(port), "AVAILABLE_HOSTS", "worker-a");
  }

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      AgentTesting.undeploy(vertx, agent);
    }
  }

  @Test
  @DisplayName(
      "a poll and a finished report waiting out a 60 s backoff go at the first heartbeat the"
          + " restarted coordinator accepts")
  void backoffEndsWhenTheCoordinatorAnswers(Vertx vertx) {
    this.vertx = vertx;
    agent =
        AgentTesting.deploy(
            vertx, AgentTesting.settings(tc, "worker-a", 1).withTimings(LONG_BACKOFF));
    String running = submitSample(tc, "worker-a", sim(20, 0.1), null);
    awaitStatus(tc, running, "running");

    tc.stopCoordinator();
    // The job ends while the coordinator is away: its report and the next poll both fail once
    // and wait out the 60 s backoff.
    JsonObject away =
        eventually(
            Duration.ofSeconds(20),
            () -> {
              JsonObject s = agent.state();
              return s.getInteger("poll_failures") > 0 && s.getLong("retried_reports") > 0
                  ? s
                  : null;
            });
    assertThat(away.getInteger("pending_reports")).isEqualTo(1);

    tc.startCoordinator();
    long back = System.nanoTime();
    String next = submitSample(tc, "worker-a", sim(1, 0), null);
    awaitStatus(tc, running, "finished");
    awaitStatus(tc, next, "finished");
    assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(30));
    assertThat(agent.state().getInteger("poll_failures")).isZero();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
