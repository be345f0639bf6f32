package eu.opeva.coordinator.logs;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.StreamReader;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How soon appended bytes reach a follower is measured by {@code bench/LogStreamingBench}. */
@DisplayName("follow=true sends a growing log until the job ends")
class LogFollowHttpTest extends CoordinatorHttpTest {
  /** A bound for waits on the follow loop, far above its check interval: not a figure. */
  static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  @DisplayName(
      "appended bytes reach the reader while the job runs, and the stream ends when the job finishes")
  void followUntilFinished() throws Exception {
    String id = jobs.running("worker-a");
    Path log = logFile(id);
    append(log, "epoch 1\n");
    StreamReader reader = tc.stream("/logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    eventually(WAIT, "the first line reaches the reader", () -> reader.text().equals("epoch 1\n"));

    for (int i = 2; i <= 4; i++) {
      String line = "epoch " + i + "\n";
      append(log, line);
      String expected = Files.readString(log);
      eventually(WAIT, line + " reaches the reader", () -> reader.text().equals(expected));
    }
    assertThat(reader.isEnded()).isFalse();

    append(log, "final line written just before the report\n");
    jobs.report(id, "finished", "worker-a");
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.bytes()).isEqualTo(Files.readAllBytes(log));
  }

  @Test
  @DisplayName("following a job that is already over sends the log and ends")
  void alreadyOver() throws Exception {
    String id = jobs.running("worker-a");
    append(logFile(id), "done\n");
    jobs.report(id, "failed", "worker-a");
    StreamReader reader = tc.stream("/file-logs/" + id + "?follow=true", true);
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.text()).isEqualTo("done\n");
  }

  @Test
  @DisplayName("following a queued job waits for its log to appear, then follows it")
  void waitsForTheLog() throws Exception {
    String id = jobs.submit("worker-a");
    // The raw file's bytes only (/logs first says what it waits for: WaitingNoticeHttpTest).
    StreamReader reader = tc.stream("/file-logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    assertThat(reader.headers().get("X-Log-Start-Offset")).isEqualTo("0");
    assertThat(reader.count()).isZero();

    Path log = logFile(id);
    append(log, "container started\n");
    eventually(
        WAIT,
        "the first line of the new log reaches the reader",
        () -> reader.text().equals("container started\n"));
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(id);
    jobs.report(id, "running", "worker-a");
    append(log, "step 1\n");
    jobs.report(id, "finished", "worker-a");
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.text()).isEqualTo("container started\nstep 1\n");
  }

  @Test
  @DisplayName("a queued job canceled before it wrote a log ends the waiting stream with no bytes")
  void canceledWithoutLog() {
    String id = jobs.submit("worker-a");
    StreamReader reader = tc.stream("/file-logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    assertThat(tc.post("/stop/" + id, null).statusCode()).isEqualTo(200);
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.count()).isZero();
  }

  @Test
  @DisplayName("a job deleted while followed ends the stream, whether it had a log or not")
  void deletedJob() throws Exception {
    String waiting = jobs.submit("worker-a");
    StreamReader noLog = tc.stream("/file-logs/" + waiting + "?follow=true", true);
    String running = jobs.running("worker-b");
    append(logFile(running), "x\n");
    StreamReader withLog = tc.stream("/logs/" + running + "?follow=true", true);
    eventually(WAIT, "the log reaches its follower", () -> withLog.count() == 2);
    assertThat(noLog.status()).isEqualTo(200);

    assertThat(tc.call(HttpMethod.DELETE, "/job/" + waiting, null).statusCode()).isEqualTo(200);
    assertThat(tc.call(HttpMethod.DELETE, "/job/" + running, null).statusCode()).isEqualTo(200);
    noLog.awaitEnd(Duration.ofSeconds(5));
    withLog.awaitEnd(Duration.ofSeconds(5));
    assertThat(noLog.count()).isZero();
  }

  @Test
  @DisplayName("tail=1 with follow sends the last line and then what is appended")
  void tailThenFollow() throws Exception {
    String id = jobs.running("worker-a");
    Path log = logFile(id);
    append(log, "a\nb\nc\n");
    StreamReader reader = tc.stream("/logs/" + id + "?follow=true&tail=1", true);
    assertThat(reader.headers().get("X-Log-Start-Offset")).isEqualTo("4");
    eventually(WAIT, "the last line reaches the reader", () -> reader.text().equals("c\n"));
    append(log, "d\n");
    eventually(WAIT, "the appended line follows", () -> reader.text().equals("c\nd\n"));
    tc.post("/stop/" + id, null);
    assertThat(reader.isEnded()).as("stop_requested is not terminal").isFalse();
    jobs.report(id, "stopped", "worker-a");
    reader.awaitEnd(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a reader that disconnects releases the log file")
  void disconnectReleasesFile() throws Exception {
    String id = jobs.running("worker-a");
    Path log = logFile(id);
    append(log, "x\n");
    StreamReader reader = tc.stream("/logs/" + id + "?follow=true", true);
    eventually(WAIT, "the log reaches the reader", () -> reader.count() == 2);
    assertThat(openHandles(log)).isEqualTo(1);
    reader.disconnect();
    eventually(WAIT, "the file is closed after the disconnect", () -> openHandles(log) == 0);
    append(log, "after\n");
    assertThat(tc.get("/logs/" + id).bodyAsString()).isEqualTo("x\nafter\n");
  }

  @Test
  @DisplayName(
      "200 followers of one log written in uneven pieces all receive exactly the file's bytes")
  void manyFollowers() throws Exception {
    String id = jobs.running("worker-a");
    Path log = logFile(id);
    append(log, "start\n");
    StreamReader[] readers = new StreamReader[200];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = tc.stream("/logs/" + id + "?follow=true", true);
    }
    for (StreamReader r : readers) {
      assertThat(r.status()).isEqualTo(200);
    }
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      // Pieces end mid-line and mid-character (é is two bytes written separately) to catch torn
      // reads.
      piece.setLength(0);
      piece
          .append("step ")
          .append(i)
          .append(" loss=0.")
          .append(i * 7919 % 1000)
          .append(i % 3 == 0 ? "\n" : " ");
      append(log, piece.toString());
      if (i % 50 == 0) {
        // Every follower receives the first byte of the character before its second is written.
        Files.write(log, new byte[] {(byte) 0xc3}, StandardOpenOption.APPEND);
        long written = Files.size(log);
        eventually(
            Duration.ofSeconds(20),
            "every follower has the half-written character",
            () -> Stream.of(readers).allMatch(r -> r.count() == written));
        Files.write(log, new byte[] {(byte) 0xa9, '\n'}, StandardOpenOption.APPEND);
      }
    }
    byte[] expected = Files.readAllBytes(log);
    eventually(
        Duration.ofSeconds(20),
        "every follower caught up",
        () -> Stream.of(readers).allMatch(r -> r.count() == expected.length));
    jobs.report(id, "finished", "worker-a");
    for (StreamReader r : readers) {
      r.awaitEnd(Duration.ofSeconds(20));
      assertThat(r.bytes()).isEqualTo(expected);
    }
  }

  private Path logFile(String id) throws IOException {
    Path log = jobs.logFile(id);
    Files.createDirectories(log.getParent());
    return log;
  }

  private static void append(Path log, String text) throws IOException {
    Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** How many of this process's open file descriptors point at {@code file} (Linux /proc). */
  private static long openHandles(Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      Path real = file.toRealPath();
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException e) {
                  return false;
                }
              })
          .count();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
