package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.JobDriver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Jobs through their lives, fsync on: submissions with none and with many jobs registered, the
 * whole lifecycle (dispatch, running, finished) by 200 agents, the listing reads with many jobs
 * registered, and a restart on that registry. The registry ({@code BENCH_JOBS}, 100,000) is filled
 * once per run through the API with fsync off (a setup step, bounded by {@code BENCH_FILL_SECONDS},
 * 180), then the coordinator is killed with SIGKILL and started again with fsync on: that restart
 * is the recover figure, and the submit, list figures are taken on it.
 */
final class JobScenarios {
  static final int SUBMITTERS = 16;
  static final int AGENTS = 200;
  static final String SUBMISSION =
      new JsonObject().put("config_path", JobDriver.DEMO_CONFIG).encode();

  private JobScenarios() {}

  /** The registry the submit, list and recover scenarios share. */
  record Registry(CoordinatorProcess coordinator, long jobs, List<Table.Row> recovery) {}

  /** Submissions at 16 connections with none and with many registered: ≥ 1,000/s and ≥ 80%. */
  static List<Table.Row> submit(StandingBench b) throws Exception {
    CoordinatorProcess fresh = b.coordinator("submit", Map.of("AVAILABLE_HOSTS", "w0"));
    Load.Exchange submit = submissions();
    b.fix("submit", b.call(fresh.port(), Load.Call.post("/run-simulation", SUBMISSION)));
    List<Load.Outcome> none =
        b.compare(SUBMITTERS, submit, StandingBench.Server.of(fresh), b.bareServer());
    fresh.close();
    Table.Row first =
        Table.Row.of(
                "POST /run-simulation, fsync on, none registered, 16 connections",
                none.get(0),
                "jobs/s",
                none.get(1))
            .target("≥ 1,000 jobs/s", none.get(0).rate() >= 1000, "");
    Registry r = registry(b);
    List<Load.Outcome> many =
        b.compare(SUBMITTERS, submit, StandingBench.Server.of(r.coordinator()), b.bareServer());
    double share = many.get(0).rate() / none.get(0).rate();
    Table.Row second =
        Table.Row.of(
                "POST /run-simulation, fsync on, "
                    + Table.number(r.jobs())
                    + " registered, 16 connections",
                many.get(0),
                "jobs/s",
                many.get(1))
            .target(
                "≥ 80% of none registered",
                share >= 0.8, Math.round(100 * share) + "% of none registered");
    return List.of(first, second);
  }

  /** 200 agents taking jobs and reporting them running, then finished: ≥ 1,000 jobs/s. */
  static List<Table.Row> lifecycle(StandingBench b) throws Exception {
    CoordinatorProcess c =
        b.coordinator("lifecycle", Map.of("AVAILABLE_HOSTS", StandingBench.hosts("w", AGENTS)));
    int jobs = StandingBench.env("BENCH_LIFECYCLE_JOBS", 6000);
    fill(b, c, jobs, Duration.ofMinutes(3));
    // The bare server answers every poll with a real payload and every report with the real reply.
    Load.Call poll = Load.Call.post("/api/agent/next-job", "{\"worker_id\":\"w0\"}");
    Load.Answer payload = b.call(c.port(), poll);
    b.fix("next-job", payload);
    b.fix("job-status", b.call(c.port(), report(payload, "running", "w0")));
    b.call(c.port(), report(payload, "finished", "w0"));
    ConcurrentLinkedQueue<String> idle = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < AGENTS; i++) {
      idle.add("w" + i);
    }
    Load.Exchange life =
        (http, seq) -> {
          String worker = idle.poll();
          Future<Boolean> done =
              Load.send(http, Load.Call.post("/api/agent/next-job", workerBody(worker)))
                  .compose(
                      p -> {
                        if (p.status() == 204) {
                          return Future.succeededFuture(false);
                        }
                        return expect(http, report(p, "running", worker))
                            .compose(v -> expect(http, report(p, "finished", worker)))
                            .map(true);
                      });
          return done.onComplete(ar -> idle.add(worker));
        };
    Duration length = b.round.multipliedBy(b.rounds).plus(b.warmup);
    double cpu = StandingBench.cpuSeconds(c.pid());
    Load.Outcome coordinator = b.load.closed(c.port(), AGENTS, life, length.multipliedBy(3));
    coordinator = coordinator.withCpu(StandingBench.cpuSeconds(c.pid()) - cpu);
    long barePid = b.bare.process().pid();
    cpu = StandingBench.cpuSeconds(barePid);
    Load.Outcome bare = b.load.closed(b.bare.port(), AGENTS, life, length);
    bare = bare.withCpu(StandingBench.cpuSeconds(barePid) - cpu);
    b.fix("next-job", new Load.Answer(204, io.vertx.core.buffer.Buffer.buffer()));
    c.close();
    return List.of(
        Table.Row.of(
                "lifecycle (poll, running, finished) of "
                    + Table.number(coordinator.done())
                    + " jobs by 200 agents, fsync on",
                coordinator,
                "jobs/s",
                bare)
            .target("≥ 1,000 jobs/s", coordinator.rate() >= 1000, ""));
  }

  /** The reads of a large registry: pages and statuses p99 ≤ 20 ms, the whole list ≥ 100k/s. */
  static List<Table.Row> list(StandingBench b) throws Exception {
    Registry r = registry(b);
    int port = r.coordinator().port();
    List<Table.Row> rows = new ArrayList<>();
    Load.Call page = Load.Call.get("/jobs?limit=100");
    b.fix("jobs", b.call(port, page));
    String id =
        b.call(port, Load.Call.get("/jobs?limit=1"))
            .body()
            .toJsonArray()
            .getJsonObject(0)
            .getString("job_id");
    Load.Call status = Load.Call.get("/status/" + id);
    b.fix("status", b.call(port, status));
    double perSecond = 20;
    for (var read :
        List.of(Map.entry("GET /jobs?limit=100", page), Map.entry("GET /status/{id}", status))) {
      Load.Exchange ex = Load.request(s -> read.getValue(), s -> s == 200);
      b.load.fixedRate(port, 8, perSecond, ex, b.warmup);
      Load.Outcome o = b.load.fixedRate(port, 8, perSecond, ex, b.round.multipliedBy(b.rounds));
      Load.Outcome bare =
          b.load.fixedRate(b.bare.port(), 8, perSecond, ex, b.round.multipliedBy(b.rounds));
      // A fixed rate is the same for both: the bare server's latency is the comparison.
      rows.add(
          Table.Row.of(
                  read.getKey() + ", " + Table.number(r.jobs()) + " registered, 20/s fixed rate",
                  o,
                  "req/s",
                  null)
              .target(
                  "p99 ≤ 20 ms",
                  o.ms(99) <= 20 && o.failed() == 0,
                  String.format(Locale.ROOT, "bare server p99 %.1f ms", bare.ms(99))));
    }
    // The whole list, streamed for at most BENCH_LIST_SECONDS (60): jobs counted by bytes, at the
    // size of a listed job in the page of 100 above.
    double perJob = b.call(port, page).body().length() / 100.0;
    Duration bound = Duration.ofSeconds(StandingBench.env("BENCH_LIST_SECONDS", 60));
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    io.vertx.core.http.HttpClientAgent http = b.load.client(port, 1);
    // One listing first, as for the other reads: the rate is that of a server that has run.
    StandingBench.await(LogScenario.stream(http, "/jobs", n -> {}));
    long t = System.nanoTime();
    Future<Long> whole = LogScenario.stream(http, "/jobs", bytes::set);
    boolean complete;
    try {
      whole.toCompletionStage().toCompletableFuture().get(bound.toSeconds(), TimeUnit.SECONDS);
      complete = true;
    } catch (TimeoutException e) {
      complete = false;
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    http.close();
    double listed = bytes.get() / perJob;
    double rate = listed / seconds;
    rows.add(
        new Table.Row(
                String.format(
                    "whole GET /jobs, %s registered: about %s jobs (%.0f MB) in %.1f s%s",
                    Table.number(r.jobs()),
                    Table.number(listed),
                    bytes.get() / 1e6,
                    seconds,
                    complete ? "" : ", stopped unfinished"),
                rate,
                "jobs/s",
                null,
                null,
                null,
                null,
                "",
                "")
            .target("≥ 100,000 jobs/s", rate >= 100_000 && complete, ""));
    return rows;
  }

  /** The restart on the registry: dispatching again within 10 s. */
  static List<Table.Row> recover(StandingBench b) throws Exception {
    return registry(b).recovery();
  }

  /** The shared registry, built on first use. */
  private static Registry registry(StandingBench b) throws Exception {
    if (b.registry != null) {
      return b.registry;
    }
    int jobs = StandingBench.env("BENCH_JOBS", 100_000);
    Duration bound = Duration.ofSeconds(StandingBench.env("BENCH_FILL_SECONDS", 180));
    CoordinatorProcess filling =
        b.coordinator("registry", Map.of("AVAILABLE_HOSTS", "w0", "STORAGE_FSYNC", "false"));
    long t = System.nanoTime();
    long filled = fill(b, filling, jobs, bound);
    System.err.printf(
        "   registry: %d jobs in %.0f s (fsync off)%n", filled, (System.nanoTime() - t) / 1e9);
    filling.kill();
    CoordinatorProcess again =
        b.restartable(
            b.root.resolve("registry"), Map.of("AVAILABLE_HOSTS", "w0", "STORAGE_FSYNC", "true"));
    long started = System.nanoTime();
    b.started(again);
    double ready = (System.nanoTime() - started) / 1e9;
    Load.Call poll = Load.Call.post("/api/agent/next-job", workerBody("w0"));
    while (b.call(again.port(), poll).status() != 200) {
      Thread.sleep(5);
    }
    double dispatching = (System.nanoTime() - started) / 1e9;
    Table.Row row =
        new Table.Row(
                String.format(
                    "restart after SIGKILL on %s jobs: ready (listening) after %.1f s, first"
                        + " dispatch after",
                    Table.number(filled), ready),
                dispatching,
                "s",
                null,
                null,
                null,
                null,
                "",
                "")
            .target("≤ 10 s", dispatching <= 10, "");
    b.registry = new Registry(again, filled, List.of(row));
    return b.registry;
  }

  /** Submits up to {@code jobs} jobs over 32 connections, within {@code bound}; how many. */
  private static long fill(StandingBench b, CoordinatorProcess c, int jobs, Duration bound)
      throws InterruptedException {
    Load.Exchange submit = submissions();
    Load.Exchange bounded =
        (http, seq) -> seq >= jobs ? Future.succeededFuture(false) : submit.run(http, seq);
    Load.Outcome o = b.load.closed(c.port(), 32, bounded, bound);
    if (o.failed() > 0) {
      throw new IllegalStateException(o.failed() + " submissions failed: " + o.firstError());
    }
    return o.done();
  }

  private static Load.Exchange submissions() {
    Load.Call call = Load.Call.post("/run-simulation", SUBMISSION);
    return Load.request(s -> call, s -> s == 200);
  }

  private static String workerBody(String worker) {
    return "{\"worker_id\":\"" + worker + "\"}";
  }

  private static Load.Call report(Load.Answer payload, String status, String worker) {
    JsonObject p = payload.body().toJsonObject();
    return Load.Call.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", p.getString("job_id"))
            .put("attempt", p.getInteger("attempt"))
            .put("worker_id", worker)
            .put("status", status)
            .encode());
  }

  private static Future<Void> expect(io.vertx.core.http.HttpClient http, Load.Call call) {
    return Load.send(http, call)
        .map(
            a -> {
              if (a.status() != 200) {
                throw new IllegalStateException(call.uri() + ": " + a.status() + " " + a.body());
              }
              return null;
            });
  }
}
