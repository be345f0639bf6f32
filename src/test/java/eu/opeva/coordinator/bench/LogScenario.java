package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.LargeFiles;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Logs: a large log ({@code BENCH_LOG_MIB}, 1024) downloaded through {@code /file-logs}, and {@code
 * BENCH_FOLLOWERS} (500) followers of a log growing at 1 MB/s ({@code /logs?follow=true}): each
 * must receive every byte; the lag is, for every piece a follower receives, the time since the file
 * first held that many bytes, or since the follower asked if that was later (bytes written before a
 * follower's request were not late for it; the time its first bytes took is reported apart).
 */
final class LogScenario {
  private static final long MIB = 1L << 20;

  private LogScenario() {}

  static List<Table.Row> logs(StandingBench b) throws Exception {
    CoordinatorProcess c = b.coordinator("logs", Map.of("AVAILABLE_HOSTS", "w0,w1"));
    Path shared = b.root.resolve("logs");
    List<Table.Row> rows = new ArrayList<>();
    long size = StandingBench.env("BENCH_LOG_MIB", 1024) * MIB;
    JsonObject big = running(b, c, "w0");
    LargeFiles.sparseWithMarks(logFile(shared, big), size);
    HttpClientAgent http = b.load.client(c.port(), 600);
    double cpu = StandingBench.processCpuSeconds(c.pid());
    long t = System.nanoTime();
    long got = StandingBench.await(stream(http, "/file-logs/" + id(big), n -> {}));
    double seconds = (System.nanoTime() - t) / 1e9;
    cpu = StandingBench.processCpuSeconds(c.pid()) - cpu;
    double mbps = got / 1e6 / seconds;
    rows.add(
        new Table.Row(
                String.format("download of a %d MiB log (/file-logs)", size / MIB),
                mbps,
                "MB/s",
                null,
                null,
                null,
                null,
                "",
                got == size ? "" : "got " + got + " of " + size + " bytes")
            .target(
                "≥ 500 MB/s",
                mbps >= 500 && got == size,
                String.format(
                    Locale.ROOT,
                    "the coordinator used %.1f CPU-s per GiB",
                    cpu * (1L << 30) / size)));
    rows.add(followers(b, c, http, shared));
    http.close();
    c.close();
    return rows;
  }

  private static Table.Row followers(
      StandingBench b, CoordinatorProcess c, HttpClient http, Path shared) throws Exception {
    int count = StandingBench.env("BENCH_FOLLOWERS", 500);
    int seconds = (int) b.round.multipliedBy(b.rounds).toSeconds();
    JsonObject job = running(b, c, "w1");
    Path log = logFile(shared, job);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "start\n");
    // sizes[i] bytes were in the file from times[i] on (this JVM's clock).
    long[] sizes = new long[seconds * 20 + 2];
    long[] times = new long[sizes.length];
    sizes[0] = 6;
    times[0] = System.nanoTime();
    AtomicLong written = new AtomicLong(1);
    ConcurrentHistogram lag = new ConcurrentHistogram(3_600_000_000L, 3);
    ConcurrentHistogram firstBytes = new ConcurrentHistogram(3_600_000_000L, 3);
    List<Future<Long>> streams = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long asked = System.nanoTime();
      streams.add(
          stream(
              http,
              "/logs/" + id(job) + "?follow=true",
              n -> {
                long now = System.nanoTime();
                int k = Arrays.binarySearch(sizes, 0, (int) written.get(), n);
                int first = k >= 0 ? k : -k - 1;
                if (first == 0) {
                  firstBytes.recordValue(Math.max(0, (now - asked) / 1000));
                } else if (first < written.get()) {
                  lag.recordValue(Math.max(0, (now - Math.max(asked, times[first])) / 1000));
                }
              }));
    }
    Thread.sleep(2000); // the followers connect and read the first line
    byte[] piece = new byte[50_000]; // 20 pieces a second: 1 MB/s
    for (int i = 0; i < piece.length; i++) {
      piece[i] = (byte) (i % 80 == 79 ? '\n' : 'a' + i % 26);
    }
    long size = 6;
    long start = System.nanoTime();
    try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
      for (int i = 1; i <= seconds * 20; i++) {
        long due = start + i * 50_000_000L;
        while (System.nanoTime() < due) {
          Thread.sleep(1);
        }
        out.write(piece);
        out.flush();
        size += piece.length;
        sizes[i] = size;
        times[i] = System.nanoTime();
        written.set(i + 1);
      }
    }
    Thread.sleep(2000);
    b.call(c.port(), report(job, "finished"));
    int whole = 0;
    for (Future<Long> f : streams) {
      if (StandingBench.await(f) == size) {
        whole++;
      }
    }
    Load.Outcome o = new Load.Outcome(size, count - whole, seconds, lag.copy(), null);
    return new Table.Row(
            String.format(
                "%d followers of a log growing at 1 MB/s for %d s: lag of each piece received",
                count, seconds),
            size / 1e6 / seconds,
            "MB/s",
            null,
            o.ms(50),
            o.ms(99),
            o.maxMs(),
            "",
            "")
        .target(
            "every byte, lag ≤ 1 s",
            whole == count && o.maxMs() <= 1000,
            String.format(
                Locale.ROOT,
                "%d of %d had every byte; the first bytes came %d ms (p99) after asking",
                whole,
                count,
                firstBytes.getValueAtPercentile(99) / 1000));
  }

  /** Follows a stream, telling {@code progress} the bytes so far; the total at its end. */
  static Future<Long> stream(HttpClient http, String uri, LongConsumer progress) {
    return http.request(HttpMethod.GET, uri)
        .compose(req -> req.send())
        .compose(
            resp -> {
              Promise<Long> done = Promise.promise();
              AtomicLong n = new AtomicLong();
              resp.handler(buf -> progress.accept(n.addAndGet(buf.length())));
              resp.endHandler(v -> done.tryComplete(n.get()));
              resp.exceptionHandler(done::tryFail);
              return done.future();
            });
  }

  /** A job submitted for {@code worker}, dispatched and reported running; its payload. */
  private static JsonObject running(StandingBench b, CoordinatorProcess c, String worker) {
    Load.Answer submitted =
        b.call(
            c.port(),
            Load.Call.post(
                "/run-simulation",
                new JsonObject()
                    .put("config_path", eu.opeva.coordinator.testing.JobDriver.DEMO_CONFIG)
                    .put("target_host", worker)
                    .encode()));
    if (submitted.status() != 200) {
      throw new IllegalStateException("submit: " + submitted.status() + " " + submitted.body());
    }
    JsonObject payload =
        b.call(
                c.port(),
                Load.Call.post("/api/agent/next-job", "{\"worker_id\":\"" + worker + "\"}"))
            .body()
            .toJsonObject()
            .put("worker", worker);
    b.call(c.port(), report(payload, "running"));
    return payload;
  }

  private static Load.Call report(JsonObject payload, String status) {
    return Load.Call.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", id(payload))
            .put("attempt", payload.getInteger("attempt"))
            .put("worker_id", payload.getString("worker"))
            .put("status", status)
            .encode());
  }

  private static String id(JsonObject payload) {
    return payload.getString("job_id");
  }

  private static Path logFile(Path shared, JsonObject payload) {
    return shared
        .resolve("jobs")
        .resolve(id(payload))
        .resolve("logs")
        .resolve(id(payload) + ".log");
  }
}
