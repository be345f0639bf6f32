package eu.opeva.coordinator.logs;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.StreamReader;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Following the log of a job that has not started says first what it waits for")
class WaitingNoticeHttpTest extends CoordinatorHttpTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  @DisplayName("a job pinned to a host without an agent: the first line says so, then the log")
  void hostWithoutAgent() throws Exception {
    String id = jobs.submit("deucalion");
    StreamReader reader = tc.stream("/logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    String notice =
        "[coordinator] waiting for job "
            + id
            + " to start (queued); no agent for host 'deucalion' has been seen since start"
            + " (2026-01-01T00:00:00Z); the job waits until one asks for work\n";
    eventually(WAIT, "the notice", () -> reader.text().equals(notice));
    assertThat(reader.headers().get("X-Log-Notice-Bytes"))
        .isEqualTo(String.valueOf(notice.getBytes(StandardCharsets.UTF_8).length));
    assertThat(reader.headers().get("X-Log-Start-Offset")).isEqualTo("0");

    Path log = jobs.logFile(id);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "container started\n");
    eventually(
        WAIT,
        "the log after the notice",
        () -> reader.text().equals(notice + "container started\n"));
    assertThat(tc.post("/stop/" + id, null).statusCode()).isEqualTo(200);
    reader.awaitEnd(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a job whose host has an agent: the line only says that it waits for the start")
  void hostWithAgent() {
    assertThat(
            tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", "worker-a"))
                .statusCode())
        .isEqualTo(200);
    String id = jobs.submit("worker-a");
    StreamReader reader = tc.stream("/logs/" + id + "?follow=true", true);
    String notice = "[coordinator] waiting for job " + id + " to start (queued)\n";
    eventually(WAIT, "the notice", () -> reader.text().equals(notice));
    assertThat(tc.post("/stop/" + id, null).statusCode()).isEqualTo(200);
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.text()).isEqualTo(notice);
  }

  @Test
  @DisplayName("a running job without a log yet: it waits for the log; /file-logs stays raw")
  void runningWithoutLog() {
    String id = jobs.running("worker-a");
    StreamReader logs = tc.stream("/logs/" + id + "?follow=true", true);
    StreamReader raw = tc.stream("/file-logs/" + id + "?follow=true", true);
    eventually(
        WAIT,
        "the notice",
        () ->
            logs.text().equals("[coordinator] waiting for the log of job " + id + " (running)\n"));
    assertThat(raw.headers().get("X-Log-Notice-Bytes")).isNull();
    jobs.report(id, "finished", "worker-a");
    raw.awaitEnd(Duration.ofSeconds(5));
    logs.awaitEnd(Duration.ofSeconds(5));
    assertThat(raw.count()).isZero();
  }
}
