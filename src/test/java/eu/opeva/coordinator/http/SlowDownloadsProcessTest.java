package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.RawClients;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real coordinator with a small heap: clients that request large zips and logs and then
 * never read hold no thread, so every other download and {@code /health} goes on at once.
 */
@DisplayName("Clients that stop reading large downloads starve no one")
class SlowDownloadsProcessTest {
  static final String JOB = "big-job";
  static final String DATASET = "big-set";

  /** More than the 4 threads of each zip pool ("bundle-zip", "dataset-zip"). */
  static final int STALLED_PER_KIND = 6;

  static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  @DisplayName(
      "6 stalled bundles, 6 stalled dataset zips and 6 stalled logs: a fifth client gets all three"
          + " whole and /health at once")
  void stalledDownloads(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Path job = root.resolve("jobs").resolve(JOB);
    byte[] weights = write(job.resolve("results/weights.bin"), 48 << 20, 1);
    byte[] log = write(job.resolve("logs/" + JOB + ".log"), 24 << 20, 2);
    byte[] csv = write(root.resolve("datasets").resolve(DATASET).resolve("a.csv"), 24 << 20, 3);
    try (CoordinatorProcess coordinator = new CoordinatorProcess(root, Map.of()).heap("64m");
        RawClients clients = new RawClients(coordinator.start().port())) {
      String[] paths = {
        "/jobs/" + JOB + "/bundle?parts=results", "/dataset/download/" + DATASET, "/logs/" + JOB
      };
      for (String path : paths) {
        for (int i = 0; i < STALLED_PER_KIND; i++) {
          RawClients.Client stalled = clients.openUnread("127.0.0.2");
          stalled.send("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
          // The download has begun (its head arrived); from now on this client reads nothing.
          assertThat(RawClients.readUntil(stalled, "\r\n\r\n", LIMIT)).startsWith("HTTP/1.1 200");
        }
      }

      long health = System.nanoTime();
      assertThat(coordinator.call("GET", "/health", null).statusCode()).isEqualTo(200);
      Duration healthTook = since(health);

      long started = System.nanoTime();
      var bundle = coordinator.get(paths[0], LIMIT);
      Duration bundleTook = since(started);
      assertThat(bundle.statusCode()).isEqualTo(200);
      Map<String, byte[]> bundled = unzip(bundle.body());
      assertThat(bundled).containsOnlyKeys(JOB + "/results/weights.bin");
      assertThat(bundled.get(JOB + "/results/weights.bin")).isEqualTo(weights);

      started = System.nanoTime();
      var dataset = coordinator.get(paths[1], LIMIT);
      Duration datasetTook = since(started);
      Map<String, byte[]> zipped = unzip(dataset.body());
      assertThat(zipped).containsOnlyKeys("a.csv");
      assertThat(zipped.get("a.csv")).isEqualTo(csv);

      started = System.nanoTime();
      var logAnswer = coordinator.get(paths[2], LIMIT);
      Duration logTook = since(started);
      assertThat(logAnswer.body()).isEqualTo(log);

      System.out.printf(
          "with %d stalled downloads: /health %d ms, bundle (48 MiB) %d ms, dataset zip (24 MiB)"
              + " %d ms, log (24 MiB) %d ms%n",
          3 * STALLED_PER_KIND,
          healthTook.toMillis(),
          bundleTook.toMillis(),
          datasetTook.toMillis(),
          logTook.toMillis());
      assertThat(healthTook).isLessThan(Duration.ofSeconds(2));
      assertThat(coordinator.output()).doesNotContain("OutOfMemoryError");
    }
  }

  private static byte[] write(Path file, int size, long seed) throws Exception {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return bytes;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
