package eu.opeva.coordinator.chaos;

import eu.opeva.coordinator.testing.AgentProcess;
import eu.opeva.coordinator.testing.CoordinatorProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real processes of a run: one coordinator (the same port and directories every life, storage
 * faults on the lives asked to have them) and the agents ({@code worker-1} ...; the same worker id
 * and state folder every life). Kills are SIGKILL. After an agent's kill, the runs its journal
 * shows open are watched until their wrapper processes are gone ({@link AgentLife}).
 */
final class Fleet implements AutoCloseable {
  static final String GHOST = "chaos-ghost";
  static final int STOP_GRACE_SECONDS = 2;

  /** How long a job may outlive its SIGKILLed agent: the wrapper's grace and a margin. */
  static final long DEATH_WATCH_MS = (STOP_GRACE_SECONDS + 8) * 1000L;

  private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final ChaosSettings settings;
  private final Path runDir;
  private final Path shared;
  private final int port;
  private final Ledger ledger;
  private final CoordinatorProcess coordinator;
  private final List<String> workers = new ArrayList<>();
  private final AgentProcess[] agents;
  private final Map<String, List<AgentLife>> lives = new HashMap<>();
  private final ExecutorService watchers = Executors.newCachedThreadPool();
  private final Object coordinatorLock = new Object();
  private final Object agentLock = new Object();
  private int coordinatorStarts;
  private int coordinatorKills;
  private int faultyLives;
  private boolean faulty;
  private int agentKills;

  Fleet(ChaosSettings settings, Path runDir, Path shared, int port, String command, Ledger l) {
    this.settings = settings;
    this.runDir = runDir;
    this.shared = shared;
    this.port = port;
    this.ledger = l;
    for (String w : workerIds(settings.agents())) {
      workers.add(w);
      lives.put(w, new ArrayList<>());
    }
    this.agents = new AgentProcess[settings.agents()];
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_PORT", String.valueOf(port));
    env.put("AVAILABLE_HOSTS", String.join(",", workers) + "," + GHOST);
    env.put("COORDINATOR_HOME", runDir.resolve("coordinator-home").toString());
    env.put("JOB_PROCESS_COMMAND", command);
    env.put("HOST_HEARTBEAT_TTL", "8");
    env.put("WORKER_STALE_GRACE_SECONDS", "4");
    env.put("QUEUE_CLAIM_TTL", "10");
    env.put("JOB_STATUS_TTL", "30");
    env.put("MONITOR_INTERVAL_SECONDS", "1");
    env.put("RETRY_MAX_ATTEMPTS", String.valueOf(defaultMaxAttempts()));
    env.put("RETRY_BACKOFF_SECONDS", "0.5");
    env.put("RETRY_MAX_BACKOFF_SECONDS", "2");
    List<String> jvm = new ArrayList<>(List.of("-Xmx384m"));
    jvm.addAll(JVM);
    this.coordinator =
        new CoordinatorProcess(shared, env).withJvmOptions(jvm.toArray(String[]::new));
  }

  static List<String> workerIds(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add("worker-" + i);
    }
    return out;
  }

  /** The coordinator's RETRY_MAX_ATTEMPTS: the limit of jobs that name none. */
  static int defaultMaxAttempts() {
    return 3;
  }

  List<String> workers() {
    return List.copyOf(workers);
  }

  /** Starts the coordinator and waits until it listens; faulty: storage faults this life. */
  void startCoordinator(boolean withFaults, long faultSeed) {
    synchronized (coordinatorLock) {
      startCoordinatorLocked(withFaults, faultSeed);
    }
  }

  private void startCoordinatorLocked(boolean withFaults, long faultSeed) {
    coordinator
        .env("STORAGE_FAULT_RATE", withFaults ? String.valueOf(settings.faultRate()) : "0")
        .env(
            "STORAGE_FAULT_MAX_DELAY_MS",
            withFaults ? String.valueOf(settings.faultMaxDelayMs()) : "0")
        .env("STORAGE_FAULT_SEED", String.valueOf(faultSeed));
    try {
      coordinator.start();
    } catch (IOException | AssertionError e) {
      throw new IllegalStateException(
          "the coordinator did not start (life " + (coordinatorStarts + 1) + "): " + e.getMessage(),
          e);
    }
    coordinatorStarts++;
    faulty = withFaults;
    if (withFaults) {
      faultyLives++;
    }
    ledger.coordinatorStarted(System.nanoTime());
  }

  void killCoordinator() throws InterruptedException {
    synchronized (coordinatorLock) {
      if (coordinator.isAlive()) {
        coordinator.kill();
        coordinatorKills++;
      }
    }
  }

  boolean coordinatorUp() {
    synchronized (coordinatorLock) {
      return coordinator.isAlive();
    }
  }

  boolean coordinatorFaulty() {
    synchronized (coordinatorLock) {
      return faulty;
    }
  }

  void startAgent(int i) {
    synchronized (agentLock) {
      startAgentLocked(i);
    }
  }

  private void startAgentLocked(int i) {
    String worker = workers.get(i);
    List<AgentLife> of = lives.get(worker);
    AgentLife life = new AgentLife(worker, of.size() + 1, System.currentTimeMillis());
    Path log = runDir.resolve("logs").resolve(worker + "-" + life.number + ".log");
    List<String> options =
        new ArrayList<>(
            List.of(
                "--server",
                "http://127.0.0.1:" + port,
                "--worker-id",
                worker,
                "--shared-dir",
                shared.toString(),
                "--runner",
                "process",
                "--slots",
                String.valueOf(settings.slots()),
                "--heartbeat-seconds",
                "1",
                "--poll-wait-seconds",
                "5",
                "--stop-grace-seconds",
                String.valueOf(STOP_GRACE_SECONDS)));
    if (i >= settings.agents() - settings.sampleAgents()) {
      options.addAll(List.of("--process-command", sampleCommand()));
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx128m"));
    jvm.addAll(JVM);
    try {
      Files.createDirectories(log.getParent());
      of.add(life);
      agents[i] = new AgentProcess(log, jvm).start(options);
    } catch (IOException | AssertionError e) {
      throw new IllegalStateException(worker + " did not start: " + e.getMessage(), e);
    }
  }

  boolean agentUp(int i) {
    synchronized (agentLock) {
      return agents[i] != null && agents[i].isAlive();
    }
  }

  /** SIGKILL; the runs its journal shows open are then watched until their processes are gone. */
  void killAgent(int i) throws InterruptedException {
    synchronized (agentLock) {
      killAgentLocked(i);
    }
  }

  private void killAgentLocked(int i) throws InterruptedException {
    if (!agentUp(i)) {
      return;
    }
    String worker = workers.get(i);
    List<AgentLife> of = lives.get(worker);
    AgentLife life = of.get(of.size() - 1);
    life.killWall = System.currentTimeMillis();
    agents[i].kill();
    agentKills++;
    List<Journals.Line> open = Journals.openIn(Journals.read(journal(worker)).lines(), life);
    open.forEach(l -> life.openAtKill(AgentLife.key(l.jobId(), l.attempt())));
    watchers.submit(() -> watch(life, open));
  }

  private static void watch(AgentLife life, List<Journals.Line> open) {
    try {
      long deadline = life.killWall + DEATH_WATCH_MS;
      List<Journals.Line> left = new ArrayList<>(open);
      while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
        left.removeIf(
            l -> {
              if (alive(l)) {
                return false;
              }
              life.died(AgentLife.key(l.jobId(), l.attempt()), System.currentTimeMillis());
              return true;
            });
        if (!left.isEmpty()) {
          Thread.sleep(10);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      life.watchDone();
    }
  }

  /** Whether the run's wrapper still runs (a pid used by another process since does not count). */
  private static boolean alive(Journals.Line run) {
    if (run.pid() == null) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(run.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    String line = p.get().info().commandLine().orElse(null);
    return line == null || line.contains(run.jobId());
  }

  Path journal(String worker) {
    return Journals.of(shared, worker);
  }

  List<AgentLife> lives(String worker) {
    synchronized (agentLock) {
      return new ArrayList<>(lives.get(worker));
    }
  }

  int coordinatorKills() {
    synchronized (coordinatorLock) {
      return coordinatorKills;
    }
  }

  int coordinatorStarts() {
    synchronized (coordinatorLock) {
      return coordinatorStarts;
    }
  }

  int faultyLives() {
    synchronized (coordinatorLock) {
      return faultyLives;
    }
  }

  int agentKills() {
    synchronized (agentLock) {
      return agentKills;
    }
  }

  /** Waits until the watches of every killed life are over (bounded). */
  void awaitWatches() throws InterruptedException {
    List<AgentLife> all = new ArrayList<>();
    synchronized (agentLock) {
      lives.values().forEach(all::addAll);
    }
    for (AgentLife l : all) {
      if (l.killed()) {
        l.awaitWatch(DEATH_WATCH_MS + 5000);
      }
    }
  }

  /** The bundled sample simulation in a JVM of its own, from this JVM's classpath. */
  private static String sampleCommand() {
    return String.join(
        " ",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms8m",
        "-Xmx64m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData",
        "-cp",
        absoluteClasspath(),
        "eu.opeva.coordinator.sample.SampleSimulation");
  }

  private static String absoluteClasspath() {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, out);
  }

  @Override
  public void close() throws Exception {
    for (int i = 0; i < agents.length; i++) {
      if (agents[i] != null) {
        agents[i].close();
      }
    }
    coordinator.close();
    watchers.shutdownNow();
    watchers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
