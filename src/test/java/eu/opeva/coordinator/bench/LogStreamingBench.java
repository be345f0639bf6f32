package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.LargeFiles;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.StreamReader;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Log streaming figures through a real coordinator (server and client in this JVM): download speed
 * and heap of a large log through {@code /file-logs}, how soon appended bytes reach a follower, and
 * how long 200 followers of one growing log take to catch up. Run by {@code scripts/bench-logs}
 * with the heap of the test JVM ({@code -Xmx1g}). Arguments: log size in MiB (1024), downloads (3),
 * followers (200).
 */
public final class LogStreamingBench {
  private static final long MIB = 1L << 20;

  private LogStreamingBench() {}

  public static void main(String[] args) throws Exception {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * MIB;
    int downloads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int followers = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    Path root = Files.createTempDirectory("opeva-bench-logs");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/" + JobDriver.DEMO_CONFIG), "experiment:\n  name: Bench\n");
    Vertx vertx = Vertx.vertx();
    TestCoordinator tc = TestCoordinator.start(vertx, root, new MutableClock(), Map.of());
    JobDriver jobs = new JobDriver(tc);
    System.out.printf(
        "JVM %s, max heap %d MiB, %d cores%n",
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    try (HeapWatch heap = new HeapWatch()) {
      download(tc, jobs, heap, size, downloads);
      followLatency(tc, jobs, 20);
      manyFollowers(tc, jobs, followers);
    } finally {
      tc.close();
      vertx.close().await(1, TimeUnit.MINUTES);
      deleteTree(root);
    }
  }

  /** A sparse log of {@code size} bytes downloaded {@code rounds} times, the last one probed. */
  private static void download(
      TestCoordinator tc, JobDriver jobs, HeapWatch heap, long size, int rounds) throws Exception {
    String id = jobs.running("worker-a");
    LargeFiles.sparseWithMarks(jobs.logFile(id), size);
    for (int round = 1; round <= rounds; round++) {
      boolean probe = round == rounds;
      heap.reset(probe);
      long started = System.nanoTime();
      StreamReader reader = tc.stream("/file-logs/" + id, false);
      reader.awaitEnd(Duration.ofMinutes(10));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (reader.count() != size) {
        throw new IllegalStateException("downloaded " + reader.count() + " of " + size + " bytes");
      }
      String live = probe ? String.format(", peak live heap %d MiB", heap.peakLive() >> 20) : "";
      System.out.printf(
          "download %d/%d of a %d MiB log: %.1f s, %.0f MiB/s, peak heap used %d MiB,"
              + " peak heap after a GC %d MiB%s%n",
          round,
          rounds,
          size >> 20,
          seconds,
          size / MIB / seconds,
          heap.peakUsed() >> 20,
          heap.peakAfterGc() >> 20,
          live);
    }
  }

  /** Time from appending a line to a followed log to the line reaching the follower. */
  private static void followLatency(TestCoordinator tc, JobDriver jobs, int lines)
      throws Exception {
    String id = jobs.running("worker-a");
    Path log = jobs.logFile(id);
    append(log, "start\n");
    StreamReader reader = tc.stream("/logs/" + id + "?follow=true", false);
    waitFor(reader, Files.size(log));
    double[] ms = new double[lines];
    Random random = new Random(42);
    for (int i = 0; i < lines; i++) {
      // At a random moment of the follow loop's check interval, as a real job writes.
      Thread.sleep(random.nextInt((int) tc.config.artifacts().logFollowInterval().toMillis()));
      append(log, "line " + i + "\n");
      long started = System.nanoTime();
      waitFor(reader, Files.size(log));
      ms[i] = (System.nanoTime() - started) / 1e6;
    }
    jobs.report(id, "finished", "worker-a");
    reader.awaitEnd(Duration.ofSeconds(30));
    Arrays.sort(ms);
    System.out.printf(
        "follow: %d appended lines reached the follower in p50 %.0f ms, p90 %.0f ms, max %.0f ms"
            + " (the follow loop checks the size every %d ms)%n",
        lines,
        ms[lines / 2],
        ms[lines * 9 / 10],
        ms[lines - 1],
        tc.config.artifacts().logFollowInterval().toMillis());
  }

  /** {@code count} followers of one log written in 300 pieces: time until all have every byte. */
  private static void manyFollowers(TestCoordinator tc, JobDriver jobs, int count)
      throws Exception {
    String id = jobs.running("worker-b");
    Path log = jobs.logFile(id);
    append(log, "start\n");
    List<StreamReader> readers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readers.add(tc.stream("/logs/" + id + "?follow=true", false));
    }
    readers.forEach(StreamReader::status);
    long started = System.nanoTime();
    for (int i = 0; i < 300; i++) {
      append(log, "step " + i + " loss=0." + (i * 7919 % 1000) + (i % 3 == 0 ? "\n" : " "));
    }
    long size = Files.size(log);
    for (StreamReader r : readers) {
      waitFor(r, size);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    jobs.report(id, "finished", "worker-b");
    for (StreamReader r : readers) {
      r.awaitEnd(Duration.ofSeconds(30));
    }
    System.out.printf(
        "follow: %d followers of one log written in 300 pieces (%d bytes) all had every byte"
            + " %.2f s after the first write%n",
        count, size, seconds);
  }

  private static void waitFor(StreamReader reader, long bytes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (reader.count() < bytes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("follower stuck at " + reader.count() + " of " + bytes);
      }
      Thread.sleep(1);
    }
  }

  private static void append(Path log, String text) throws Exception {
    Files.createDirectories(log.getParent());
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
