package eu.opeva.coordinator.http;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.RawClients;
import eu.opeva.coordinator.testing.RawClients.Client;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real coordinator whose idle and header timeouts are 2 s: a long poll of 30 s and a
 * followed log that stays quiet as long are requests in flight, so neither is cut; once they are
 * over, their connections are idle and closed like any other.
 */
@DisplayName("A 30 s long poll and a quiet followed log are not cut by a 2 s idle timeout")
class QuietRequestsProcessTest {
  static final Duration IDLE = Duration.ofSeconds(2);
  static final Duration POLL = Duration.ofSeconds(30);

  @Test
  @DisplayName("the poll is answered 204 after 30 s; the log sends new lines and ends with the job")
  void quietRequestsInFlight(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n");
    try (CoordinatorProcess coordinator =
            new CoordinatorProcess(root, Map.of())
                .env("HTTP_HEADER_TIMEOUT_SECONDS", "2")
                .env("HTTP_IDLE_TIMEOUT_SECONDS", "2");
        RawClients clients = new RawClients(coordinator.start().port())) {
      String id = runningOn(coordinator, "worker-b");
      Path log = Files.createDirectories(root.resolve("jobs/" + id + "/logs")).resolve(id + ".log");
      Files.writeString(log, "first line\n");

      Client follower = clients.open("127.0.0.1");
      follower.send("GET /logs/" + id + "?follow=true HTTP/1.1\r\nHost: t\r\n\r\n");
      eventually(Duration.ofSeconds(10), "the log", () -> follower.text().contains("first line"));

      String poll = new JsonObject().put("worker_id", "worker-a").put("wait_seconds", 30).encode();
      Client poller = clients.open("127.0.0.1");
      long polled = System.nanoTime();
      poller.send(
          "POST /api/agent/next-job HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + poll.length()
              + "\r\n\r\n"
              + poll);
      eventually(POLL.plusSeconds(15), "the poll's answer", () -> poller.text().contains("\r\n"));
      Duration held = Duration.ofNanos(System.nanoTime() - polled);
      assertThat(poller.text()).startsWith("HTTP/1.1 204");
      assertThat(held).isGreaterThanOrEqualTo(POLL.minusMillis(500));
      assertThat(follower.closed()).as("the follower after %s of quiet", held).isFalse();

      Files.writeString(log, "second line\n", StandardOpenOption.APPEND);
      eventually(Duration.ofSeconds(10), "the new line", () -> follower.text().contains("second"));
      assertThat(report(coordinator, id, "finished")).isEqualTo(200);
      eventually(
          Duration.ofSeconds(10), "the end", () -> follower.text().endsWith("\r\n0\r\n\r\n"));

      // Over, both connections are idle now, and closed as such.
      eventually(Duration.ofSeconds(10), "idle closes", () -> follower.closed() && poller.closed());
      assertThat(follower.closedAfterLastByte()).isGreaterThanOrEqualTo(IDLE.minusMillis(100));
      assertThat(poller.closedAfterLastByte()).isGreaterThanOrEqualTo(IDLE.minusMillis(100));
      System.out.printf(
          "long poll answered after %d ms; the follower stayed open through it and ended with the"
              + " job; then closed %d ms (follower) and %d ms (poller) after their last byte%n",
          held.toMillis(),
          follower.closedAfterLastByte().toMillis(),
          poller.closedAfterLastByte().toMillis());
    }
  }

  /** Submits a job pinned to {@code worker}, dispatches it there and reports it running. */
  private static String runningOn(CoordinatorProcess coordinator, String worker) throws Exception {
    String submission =
        new JsonObject().put("config_path", "demo.yaml").put("target_host", worker).encode();
    var submitted = coordinator.call("POST", "/run-simulation", submission);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
    String id = new JsonObject(submitted.body()).getString("job_id");
    String poll = new JsonObject().put("worker_id", worker).encode();
    var payload = coordinator.call("POST", "/api/agent/next-job", poll);
    assertThat(new JsonObject(payload.body()).getString("job_id")).isEqualTo(id);
    assertThat(report(coordinator, id, "running")).isEqualTo(200);
    return id;
  }

  private static int report(CoordinatorProcess coordinator, String id, String status)
      throws Exception {
    JsonObject body =
        new JsonObject()
            .put("job_id", id)
            .put("status", status)
            .put("worker_id", "worker-b")
            .put("attempt", 1);
    if (status.equals("finished")) {
      body.put("exit_code", 0);
    }
    return coordinator.call("POST", "/api/agent/job-status", body.encode()).statusCode();
  }
}
