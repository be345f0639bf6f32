package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Many agents long-polling ({@code wait_seconds} 30, {@code BENCH_LONGPOLL_AGENTS}, 10,000, each
 * over a connection of its own) while jobs are submitted at 200/s (fixed rate) and {@code GET
 * /health} is read at 20/s (fixed rate): every job must reach exactly one agent; the time from the
 * job's {@code queued_at} (milliseconds, so figures carry up to 1 ms) to the payload reaching the
 * agent; the coordinator's heap and RSS at the end. Writes are not fsynced here: the figure is the
 * way from the queue to the agent, not the disk's latency (which submit and lifecycle measure).
 */
final class LongPollScenario {
  private static final Pattern HEAP =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$");
  private static final Pattern WAITING =
      Pattern.compile("(?m)^opeva_long_polls_waiting\\S* (\\S+)$");

  private LongPollScenario() {}

  static List<Table.Row> longpoll(StandingBench b) throws Exception {
    int agents = StandingBench.env("BENCH_LONGPOLL_AGENTS", 10_000);
    CoordinatorProcess c =
        b.coordinator(
            "longpoll",
            Map.of(
                "AVAILABLE_HOSTS",
                StandingBench.hosts("a", agents),
                "HTTP_IDLE_TIMEOUT_SECONDS",
                "120",
                // The path from queue to agent itself: with fsync on, the submission's and the
                // dispatch's writes (what submit and lifecycle measure) would be most of it.
                "STORAGE_FSYNC",
                "false"));
    Map<String, Integer> received = new ConcurrentHashMap<>();
    Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    HttpClientAgent http = b.load.client(c.port(), agents);
    for (int i = 0; i < agents; i++) {
      poll(http, "a" + i, running, received, receivedAt, failures, firstError);
    }
    long parkedBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (waiting(b, c) < agents * 0.99 && System.nanoTime() < parkedBy) {
      Thread.sleep(200);
    }
    int parked = (int) waiting(b, c);
    Duration length = b.round.multipliedBy(b.rounds).plus(b.warmup);
    Set<String> submitted = ConcurrentHashMap.newKeySet();
    Load.Call submit = Load.Call.post("/run-simulation", JobScenarios.SUBMISSION);
    Load.Exchange submissions =
        (h, seq) ->
            Load.send(h, submit)
                .map(
                    a -> {
                      if (a.status() != 200) {
                        throw new IllegalStateException("submit: " + a.status() + " " + a.body());
                      }
                      submitted.add(a.body().toJsonObject().getString("job_id"));
                      return true;
                    });
    AtomicReference<Load.Outcome> health = new AtomicReference<>();
    Thread healthReads =
        new Thread(
            () -> {
              try {
                health.set(
                    b.load.fixedRate(
                        c.port(),
                        4,
                        20,
                        Load.request(s -> Load.Call.get("/health"), s -> s == 200),
                        length));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    healthReads.start();
    Load.Outcome subs = b.load.fixedRate(c.port(), 16, 200, submissions, length);
    healthReads.join();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!received.keySet().containsAll(submitted) && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    long rss = StandingBench.rssMib(c.pid());
    double heap = heapMib(b, c);
    running.set(false);
    // Queued-to-received: the job's queued_at against the moment its payload arrived.
    Histogram lag = new Histogram(3_600_000_000L, 3);
    HttpClientAgent reads = b.load.client(c.port(), 16);
    List<io.vertx.core.Future<Load.Answer>> statuses = new ArrayList<>();
    for (String id : submitted) {
      statuses.add(Load.send(reads, Load.Call.get("/status/" + id)));
    }
    int unknown = 0;
    for (var f : statuses) {
      JsonObject s = StandingBench.await(f).body().toJsonObject();
      Long at = receivedAt.get(s.getString("job_id"));
      Object queuedAt = s.getValue("queued_at");
      if (at == null || queuedAt == null) {
        unknown++;
        continue;
      }
      long queuedMicros = (long) (Double.parseDouble(queuedAt.toString()) * 1_000_000);
      lag.recordValue(Math.max(0, at - queuedMicros));
    }
    reads.close();
    http.close();
    long twice = received.values().stream().filter(n -> n > 1).count();
    long missing = submitted.stream().filter(id -> !received.containsKey(id)).count();
    boolean exactlyOnce = twice == 0 && missing == 0 && received.size() == submitted.size();
    c.close();
    List<Table.Row> rows = new ArrayList<>();
    Load.Outcome queued =
        new Load.Outcome(submitted.size(), subs.failed(), subs.seconds(), lag, subs.firstError());
    rows.add(
        Table.Row.of(
                String.format(
                    "long poll: %,d agents waiting (%,d parked), %,d jobs at 200/s, queued to"
                        + " received, fsync off; heap %.0f MiB, RSS %d MiB",
                    agents, parked, submitted.size(), heap, rss),
                queued,
                "jobs/s",
                null)
            .target(
                "exactly once; p50 ≤ 5 ms, p99 ≤ 25 ms",
                exactlyOnce && queued.ms(50) <= 5 && queued.ms(99) <= 25,
                (exactlyOnce
                        ? "each job received once"
                        : twice + " received twice, " + missing + " missing")
                    + (failures.get() == 0 ? "" : ", " + failures + " polls failed: " + firstError)
                    + (unknown == 0 ? "" : ", " + unknown + " without a time")));
    Load.Outcome h = health.get();
    rows.add(
        Table.Row.of("GET /health at 20/s during the long polls", h, "req/s", null)
            .target("p99 < 20 ms", h.ms(99) < 20 && h.failed() == 0, ""));
    return rows;
  }

  private static void poll(
      HttpClientAgent http,
      String worker,
      AtomicBoolean running,
      Map<String, Integer> received,
      Map<String, Long> receivedAt,
      AtomicInteger failures,
      AtomicReference<String> firstError) {
    if (!running.get()) {
      return;
    }
    Load.send(
            http,
            Load.Call.post(
                "/api/agent/next-job", "{\"worker_id\":\"" + worker + "\",\"wait_seconds\":30}"))
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().status() == 200) {
                Instant now = Instant.now();
                String id = ar.result().body().toJsonObject().getString("job_id");
                receivedAt.putIfAbsent(id, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
                received.merge(id, 1, Integer::sum);
              } else if (running.get() && (ar.failed() || ar.result().status() != 204)) {
                failures.incrementAndGet();
                firstError.compareAndSet(
                    null, ar.failed() ? ar.cause().toString() : ar.result().status() + "");
              }
              poll(http, worker, running, received, receivedAt, failures, firstError);
            });
  }

  private static double waiting(StandingBench b, CoordinatorProcess c) {
    Matcher m = WAITING.matcher(metrics(b, c));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double heapMib(StandingBench b, CoordinatorProcess c) {
    Matcher m = HEAP.matcher(metrics(b, c));
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum / (1 << 20);
  }

  private static String metrics(StandingBench b, CoordinatorProcess c) {
    return b.call(c.port(), Load.Call.get("/metrics")).body().toString();
  }
}
