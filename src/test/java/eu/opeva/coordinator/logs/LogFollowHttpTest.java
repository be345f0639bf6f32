package eu.opeva.coordinator.logs;

import static eu.opeva.coordinator.testing.StreamReader.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.StreamReader;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.PoolOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("follow=true sends a growing log until the job ends")
class LogFollowHttpTest {
  static final Duration ONE_SECOND = Duration.ofSeconds(1);

  @TempDir Path root;
  TestCoordinator tc;
  JobDriver jobs;
  HttpClient http;

  @BeforeEach
  void start(Vertx vertx) {
    tc = TestCoordinator.start(vertx, root, new MutableClock(), Map.of());
    jobs = new JobDriver(tc);
    http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(256));
  }

  @AfterEach
  void stop() {
    http.close();
    tc.close();
  }

  @Test
  @DisplayName(
      "appended bytes reach the reader within 1 s, and the stream ends when the job finishes")
  void followUntilFinished() throws Exception {
    String id = jobs.running("worker-a");
    Path log = logFile(id);
    append(log, "epoch 1\n");
    StreamReader reader = StreamReader.open(http, tc.port(), "/logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    assertThat(eventually(ONE_SECOND, () -> reader.text().equals("epoch 1\n"))).isTrue();

    for (int i = 2; i <= 4; i++) {
      String line = "epoch " + i + "\n";
      append(log, line);
      String expected = Files.readString(log);
      assertThat(eventually(ONE_SECOND, () -> reader.text().equals(expected)))
          .as("%s within 1 s", line)
          .isTrue();
    }
    assertThat(reader.isEnded()).isFalse();

    append(log, "final line written just before the report\n");
    jobs.report(id, "worker-a", "finished");
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.bytes()).isEqualTo(Files.readAllBytes(log));
  }

  @Test
  @DisplayName("following a job that is already over sends the log and ends")
  void alreadyOver() throws Exception {
    String id = jobs.running("worker-a");
    append(logFile(id), "done\n");
    jobs.report(id, "worker-a", "failed");
    StreamReader reader =
        StreamReader.open(http, tc.port(), "/file-logs/" + id + "?follow=true", true);
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.text()).isEqualTo("done\n");
  }

  @Test
  @DisplayName("following a queued job waits for its log to appear, then follows it")
  void waitsForTheLog() throws Exception {
    String id = jobs.submit("worker-a");
    StreamReader reader = StreamReader.open(http, tc.port(), "/logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    assertThat(reader.headers().get("X-Log-Start-Offset")).isEqualTo("0");
    assertThat(reader.count()).isZero();

    Path log = logFile(id);
    append(log, "container started\n");
    assertThat(eventually(ONE_SECOND, () -> reader.text().equals("container started\n"))).isTrue();
    tc.post(
        "/api/agent/next-job", new io.vertx.core.json.JsonObject().put("worker_id", "worker-a"));
    jobs.report(id, "worker-a", "running");
    append(log, "step 1\n");
    jobs.report(id, "worker-a", "finished");
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.text()).isEqualTo("container started\nstep 1\n");
  }

  @Test
  @DisplayName("a queued job canceled before it wrote a log ends the waiting stream with no bytes")
  void canceledWithoutLog() {
    String id = jobs.submit("worker-a");
    StreamReader reader = StreamReader.open(http, tc.port(), "/logs/" + id + "?follow=true", true);
    assertThat(reader.status()).isEqualTo(200);
    assertThat(tc.post("/stop/" + id, null).statusCode()).isEqualTo(200);
    reader.awaitEnd(Duration.ofSeconds(5));
    assertThat(reader.count()).isZero();
  }

  @Test
  @DisplayName("a job deleted while followed ends the stream, whether it had a log or not")
  void deletedJob() throws Exception {
    String waiting = jobs.submit("worker-a");
    StreamReader noLog =
        StreamReader.open(http, tc.port(), "/logs/" + waiting + "?follow=true", true);
    String running = jobs.running("worker-b");
    append(logFile(running), "x\n");
    StreamReader withLog =
        StreamReader.open(http, tc.port(), "/logs/" + running + "?follow=true", true);
    assertThat(eventually(ONE_SECOND, () -> withLog.count() == 2)).isTrue();
    assertThat(noLog.status()).isEqualTo(200);

    assertThat(tc.call(io.vertx.core.http.HttpMethod.DELETE, "/job/" + waiting, null).statusCode())
        .isEqualTo(200);
    assertThat(tc.call(io.vertx.core.http.HttpMethod.DELETE, "/job/" + running, null).statusCode())
        .isEqualTo(200);
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
    StreamReader reader =
        StreamReader.open(http, tc.port(), "/logs/" + id + "?follow=true&tail=1", true);
    assertThat(reader.headers().get("X-Log-Start-Offset")).isEqualTo("4");
    assertThat(eventually(ONE_SECOND, () -> reader.text().equals("c\n"))).isTrue();
    append(log, "d\n");
    assertThat(eventually(ONE_SECOND, () -> reader.text().equals("c\nd\n"))).isTrue();
    tc.post("/stop/" + id, null);
    assertThat(reader.isEnded()).as("stop_requested is not terminal").isFalse();
    jobs.report(id, "worker-a", "stopped");
    reader.awaitEnd(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a reader that disconnects releases the log file")
  void disconnectReleasesFile() throws Exception {
    String id = jobs.running("worker-a");
    Path log = logFile(id);
    append(log, "x\n");
    StreamReader reader = StreamReader.open(http, tc.port(), "/logs/" + id + "?follow=true", true);
    assertThat(eventually(ONE_SECOND, () -> reader.count() == 2)).isTrue();
    assertThat(openHandles(log)).isEqualTo(1);
    reader.disconnect();
    assertThat(eventually(Duration.ofSeconds(5), () -> openHandles(log) == 0)).isTrue();
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
      readers[i] = StreamReader.open(http, tc.port(), "/logs/" + id + "?follow=true", true);
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
        Files.write(log, new byte[] {(byte) 0xc3}, StandardOpenOption.APPEND);
        Thread.sleep(30);
        Files.write(log, new byte[] {(byte) 0xa9, '\n'}, StandardOpenOption.APPEND);
      }
      if (i % 10 == 0) {
        Thread.sleep(5);
      }
    }
    byte[] expected = Files.readAllBytes(log);
    assertThat(
            eventually(
                Duration.ofSeconds(20),
                () -> Stream.of(readers).allMatch(r -> r.count() == expected.length)))
        .as("every follower caught up")
        .isTrue();
    jobs.report(id, "worker-a", "finished");
    for (StreamReader r : readers) {
      r.awaitEnd(Duration.ofSeconds(20));
      assertThat(r.bytes()).isEqualTo(expected);
    }
  }

  private Path logFile(String id) throws IOException {
    Path dir = Files.createDirectories(jobs.jobDir(id).resolve("logs"));
    return dir.resolve(id + ".log");
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
