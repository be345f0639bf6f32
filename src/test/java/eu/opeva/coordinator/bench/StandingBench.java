package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.testing.CoordinatorProcess;
import eu.opeva.coordinator.testing.JobDriver;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The standing benchmark (run by {@code scripts/bench}): this JVM is the load generator; it starts
 * the packaged coordinator ({@code java -jar ... serve}, fsync on, a fresh shared directory per
 * scenario) and a bare Vert.x server ({@link BareServer}) as processes of their own, runs the
 * chosen scenarios against both in the same run, prints one table and writes it into {@code
 * docs/benchmarks.md}. With {@code --gate}, it runs only the idle poll at 256 connections and exits
 * 1 when the coordinator serves fewer than {@code BENCH_GATE_RATIO} ({@value #GATE_RATIO}) of the
 * bare server's requests per event-loop CPU-second.
 */
public final class StandingBench implements AutoCloseable {
  /**
   * The gate's default: below half of what the idle poll reaches in this measure today (45% with
   * the machine's load average at 10, 65% to 70% on a quiet one), so that a poll whose cost doubles
   * fails on a quiet machine and on a loaded one.
   */
  static final double GATE_RATIO = 0.30;

  /** The scenarios, in the order they run. */
  static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("poll", PollScenarios::poll);
    SCENARIOS.put("status", PollScenarios::status);
    SCENARIOS.put("auth", PollScenarios::auth);
    SCENARIOS.put("submit", JobScenarios::submit);
    SCENARIOS.put("lifecycle", JobScenarios::lifecycle);
    SCENARIOS.put("list", JobScenarios::list);
    SCENARIOS.put("recover", JobScenarios::recover);
    SCENARIOS.put("longpoll", LongPollScenario::longpoll);
    SCENARIOS.put("logs", LogScenario::logs);
  }

  /** One scenario: its rows of the table. */
  interface Scenario {
    List<Table.Row> run(StandingBench bench) throws Exception;
  }

  final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  final Load load = new Load(vertx);
  final Path root = Files.createTempDirectory("opeva-bench");
  final Path jar;
  final Duration warmup;
  final Duration round;
  final int rounds;
  final BareServer.Started bare;
  private final HttpClientAgent control;
  private final List<CoordinatorProcess> coordinators = new ArrayList<>();

  /** Shared by the scenarios that need many jobs registered (see {@link JobScenarios}). */
  JobScenarios.Registry registry;

  private StandingBench(Path jar, Duration warmup, Duration round, int rounds) throws IOException {
    this.jar = jar;
    this.warmup = warmup;
    this.round = round;
    this.rounds = rounds;
    this.bare = BareServer.start(System.getProperty("java.class.path"), "512m");
    this.control = load.client(bare.port(), 1);
  }

  public static void main(String[] args) throws Exception {
    boolean gate = Arrays.asList(args).contains("--gate");
    List<String> chosen =
        Arrays.stream(args).filter(a -> !a.startsWith("--")).collect(Collectors.toList());
    if (chosen.isEmpty()) {
      chosen.addAll(gate ? List.of("poll") : SCENARIOS.keySet());
    }
    for (String name : chosen) {
      if (!SCENARIOS.containsKey(name)) {
        System.err.println("unknown scenario " + name + "; known: " + SCENARIOS.keySet());
        System.exit(2);
      }
    }
    Path jar = Path.of(System.getProperty("bench.jar", "target/opeva-coordinator.jar"));
    String loadAtStart = loadAverage();
    Instant started = Instant.now();
    List<Table.Row> rows = new ArrayList<>();
    int status = 0;
    String loadAtEnd;
    Instant ended;
    try (StandingBench bench =
        new StandingBench(
            jar,
            Duration.ofSeconds(env("BENCH_WARMUP_SECONDS", gate ? 6 : 3)),
            Duration.ofSeconds(env("BENCH_ROUND_SECONDS", gate ? 3 : 4)),
            env("BENCH_ROUNDS", gate ? 3 : 2))) {
      if (gate) {
        rows.addAll(PollScenarios.gate(bench, envDouble("BENCH_GATE_RATIO", GATE_RATIO)));
      } else {
        for (String name : chosen) {
          long t = System.nanoTime();
          System.err.printf("== %s%n", name);
          List<Table.Row> got = SCENARIOS.get(name).run(bench);
          bench.stopIdleCoordinators();
          got.forEach(r -> System.err.println("   " + r));
          rows.addAll(got);
          System.err.printf("== %s took %.0f s%n", name, (System.nanoTime() - t) / 1e9);
        }
      }
      // Before the temporary folders are deleted, which takes a while after a large registry.
      loadAtEnd = loadAverage();
      ended = Instant.now();
    }
    String machine =
        String.format(
            Locale.ROOT,
            "%s, %d cores, %s memory, JDK %s; load average %s at the start, %s at the end;"
                + " %.0f s in all.",
            started.truncatedTo(ChronoUnit.MINUTES),
            Runtime.getRuntime().availableProcessors(),
            memory(),
            System.getProperty("java.runtime.version"),
            loadAtStart,
            loadAtEnd,
            Duration.between(started, ended).toMillis() / 1000.0);
    String table = Table.markdown(machine, rows);
    System.out.println(table);
    if (gate) {
      if (rows.stream().anyMatch(r -> r.result().startsWith("NOT"))) {
        status = 1;
      }
    } else if (chosen.containsAll(SCENARIOS.keySet())) {
      Table.writeInto(Path.of("docs/benchmarks.md"), table);
      System.err.println("written into docs/benchmarks.md");
    } else {
      System.err.println("docs/benchmarks.md is written only by a run of every scenario");
    }
    System.exit(status);
  }

  /** A coordinator from the jar over a fresh shared directory {@code name}, started. */
  CoordinatorProcess coordinator(String name, Map<String, String> env) throws IOException {
    Path shared = Files.createDirectories(root.resolve(name));
    Files.createDirectories(shared.resolve("configs"));
    Files.writeString(
        shared.resolve("configs/" + JobDriver.DEMO_CONFIG), "experiment:\n  name: Bench\n");
    return started(restartable(shared, env));
  }

  /** A coordinator process over {@code shared}, not started yet. */
  CoordinatorProcess restartable(Path shared, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("STORAGE_FSYNC", "true");
    all.put("AUTH_ENABLED", "false");
    all.put("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "30000");
    all.putAll(env);
    String settings = System.getenv("BENCH_COORDINATOR_ENV");
    if (settings != null && !settings.isBlank()) {
      for (String pair : settings.trim().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("BENCH_COORDINATOR_ENV: not NAME=value: " + pair);
        }
        all.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    List<String> options =
        new ArrayList<>(List.of("-Xmx" + System.getenv().getOrDefault("BENCH_HEAP", "2g")));
    String extra = System.getenv("BENCH_COORDINATOR_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    CoordinatorProcess p =
        new CoordinatorProcess(shared, all)
            .fromJar(jar)
            .withJvmOptions(options.toArray(String[]::new));
    if (extra != null && extra.contains("StartFlightRecording")) {
      p.withGracefulClose();
    }
    coordinators.add(p);
    return p;
  }

  /**
   * Stops the coordinators of finished scenarios (not the shared registry's), so they cost nothing.
   */
  void stopIdleCoordinators() throws Exception {
    for (CoordinatorProcess c : coordinators) {
      if (registry == null || c != registry.coordinator()) {
        c.close();
      }
    }
  }

  CoordinatorProcess started(CoordinatorProcess p) throws IOException {
    p.start();
    return p;
  }

  /** A server under measurement: its port and process id. */
  record Server(int port, long pid) {
    static Server of(CoordinatorProcess c) {
      return new Server(c.port(), c.pid());
    }
  }

  Server bareServer() {
    return new Server(bare.port(), bare.process().pid());
  }

  /**
   * The same closed-loop load on each of {@code servers} in turn: a warm-up each, then {@link
   * #rounds} rounds alternating between them, so that a change in the machine's load weighs on all
   * alike. The outcomes (with the CPU time each server spent), in the order of the servers.
   */
  List<Load.Outcome> compare(int connections, Load.Exchange exchange, Server... servers)
      throws InterruptedException {
    Load.Exchange[] same = new Load.Exchange[servers.length];
    Arrays.fill(same, exchange);
    return compare(connections, same, servers);
  }

  /** As {@link #compare(int, Load.Exchange, Server...)}, with an exchange per server. */
  List<Load.Outcome> compare(int connections, Load.Exchange[] exchanges, Server... servers)
      throws InterruptedException {
    for (int i = 0; i < servers.length; i++) {
      load.closed(servers[i].port(), connections, exchanges[i], warmup);
    }
    Load.Outcome[] sum = new Load.Outcome[servers.length];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < servers.length; i++) {
        double cpu = cpuSeconds(servers[i].pid());
        Load.Outcome o = load.closed(servers[i].port(), connections, exchanges[i], round);
        o = o.withCpu(cpuSeconds(servers[i].pid()) - cpu);
        sum[i] = sum[i] == null ? o : sum[i].plus(o);
      }
    }
    return List.of(sum);
  }

  /**
   * The CPU time (user and system, seconds, from /proc) the event-loop threads of process {@code
   * pid} have used: where both servers do their requests' work, without the JIT compiler, the
   * collector or the coordinator's background pools, which a short run on a loaded machine would
   * otherwise charge to the requests.
   */
  static double cpuSeconds(long pid) {
    double sum = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (!comm.startsWith("vert.x-eventloo")) {
            continue;
          }
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // utime and stime: fields 14 and 15 of stat (12 and 13 after the name), clock ticks.
          sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return sum;
  }

  /** The CPU time (user and system, seconds, from /proc) process {@code pid} has used, or 0. */
  static double processCpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Makes the bare server answer requests of {@code kind} as the coordinator did. */
  void fix(String kind, Load.Answer answer) {
    Load.Call call =
        new Load.Call(
                HttpMethod.PUT,
                "/_fixed/" + kind,
                answer.body() == null ? Buffer.buffer() : answer.body(),
                io.vertx.core.MultiMap.caseInsensitiveMultiMap())
            .with("x-status", String.valueOf(answer.status()));
    await(Load.send(control, call));
  }

  /** One request to 127.0.0.1:{@code port}, waited for. */
  Load.Answer call(int port, Load.Call call) {
    HttpClientAgent http = load.client(port, 1);
    try {
      return await(Load.send(http, call));
    } finally {
      http.close();
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hosts(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.joining(","));
  }

  static int env(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
  }

  static double envDouble(String name, double fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memory() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      long kb =
          lines
              .filter(l -> l.startsWith("MemTotal:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
              .findFirst()
              .orElse(0);
      return String.format(Locale.ROOT, "%.1f GiB", kb / 1048576.0);
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The resident memory of process {@code pid} in MiB (from /proc), or -1. */
  static long rssMib(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
      return lines
          .filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
          .findFirst()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws Exception {
    for (CoordinatorProcess c : coordinators) {
      c.close();
    }
    bare.process().destroyForcibly().waitFor();
    control.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    if (System.getenv("BENCH_KEEP") == null) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } else {
      System.err.println("kept " + root);
    }
  }
}
