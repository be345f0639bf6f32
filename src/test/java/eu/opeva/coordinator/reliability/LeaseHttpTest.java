package eu.opeva.coordinator.reliability;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "One coordinator per shared directory: a lease file, renewed, taken over only when stale")
class LeaseHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("LEASE_RENEW_INTERVAL_MS", "100");
  }

  private Path leaseFile() {
    return root.resolve(".coordinator.lease");
  }

  private TestCoordinator second(Vertx vertx) {
    return new TestCoordinator(vertx, root, clock, env());
  }

  @Test
  @DisplayName(
      "a second coordinator on the same directory refuses to start, names the holder, changes nothing")
  void secondInstanceRefuses(Vertx vertx) throws Exception {
    String id = jobs.submit();
    tc.stopCoordinator(); // held by nobody for a moment: the lease comes back with the start
    tc.startCoordinator();
    JsonObject holder = new JsonObject(Files.readString(leaseFile()));
    Map<String, String> before = DirectoryDigest.of(root);
    try (TestCoordinator other = second(vertx)) {
      Throwable refused = other.startRefused();
      assertThat(refused).isInstanceOf(ApiFailure.class);
      assertThat(((ApiFailure) refused).status()).isEqualTo(409);
      assertThat(refused.getMessage())
          .contains("Another coordinator holds the shared directory")
          .contains("pid " + holder.getLong("pid"))
          .contains("renewed");
    }
    Map<String, String> after = DirectoryDigest.of(root);
    assertThat(after).as("recovery did not run on the live directory").isEqualTo(before);
    assertThat(jobs.state(id)).isEqualTo("queued");
  }

  @Test
  @DisplayName("after a clean stop the lease is released and the next coordinator starts at once")
  void releasedAtStop(Vertx vertx) {
    tc.stopCoordinator();
    assertThat(leaseFile()).doesNotExist();
    try (TestCoordinator other = second(vertx)) {
      assertThat(other.startRefused()).isNull();
    }
  }

  @Test
  @DisplayName(
      "a lease of another host is taken over only once it was not renewed for the takeover time")
  void staleLeaseTakenOver(Vertx vertx) throws Exception {
    tc.stopCoordinator();
    long renewed = clock.millis();
    Files.writeString(
        leaseFile(),
        new JsonObject()
            .put("instance", "x")
            .put("host", "elsewhere")
            .put("pid", 4242)
            .put("started_at", EpochTime.seconds(renewed))
            .put("renewed_at", EpochTime.seconds(renewed))
            .encode());
    try (TestCoordinator other = second(vertx)) {
      clock.advance(Duration.ofSeconds(29));
      assertThat(other.startRefused()).hasMessageContaining("elsewhere pid 4242");
      clock.advance(Duration.ofSeconds(2));
      assertThat(other.startRefused()).as("30 s without renewal: taken over").isNull();
      assertThat(new JsonObject(Files.readString(leaseFile())).getString("host"))
          .isEqualTo(InetAddress.getLocalHost().getHostName());
    }
  }

  @Test
  @DisplayName("a lease held by a process of this host that is gone is taken over at once")
  void deadProcessOfThisHost(Vertx vertx) throws Exception {
    tc.stopCoordinator();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(
        leaseFile(),
        new JsonObject()
            .put("instance", "x")
            .put("host", InetAddress.getLocalHost().getHostName())
            .put("pid", gone.pid())
            .put("started_at", EpochTime.seconds(clock.millis()))
            .put("renewed_at", EpochTime.seconds(clock.millis()))
            .encode());
    try (TestCoordinator other = second(vertx)) {
      assertThat(other.startRefused()).isNull();
    }
  }

  @Test
  @DisplayName("a coordinator whose lease another took notices at its next renewal and stops")
  void lostLease() throws Exception {
    JsonObject taken = new JsonObject(Files.readString(leaseFile())).put("instance", "thief");
    // Another coordinator writes its lease (again, should a renewal in flight overwrite it).
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () -> {
                  try {
                    Files.writeString(leaseFile(), taken.encode());
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                  return tc.leaseLost() ? true : null;
                }))
        .isTrue();
  }

  @Test
  @DisplayName("a busy HTTP port is found before the shared directory is touched")
  void busyPort(Vertx vertx, @TempDir Path other) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> env = Map.of("HTTP_PORT", String.valueOf(taken.getLocalPort()));
      try (TestCoordinator busy = new TestCoordinator(vertx, other, clock, env)) {
        assertThat(busy.startRefused())
            .hasMessageContaining("Port " + taken.getLocalPort())
            .hasMessageContaining("in use");
      }
    }
    assertThat(DirectoryDigest.of(other)).as("nothing was created").containsOnlyKeys("");
  }
}
