package eu.opeva.coordinator;

import eu.opeva.coordinator.agent.Agent;
import eu.opeva.coordinator.agent.AgentSettings;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agent}: runs the reference worker agent until SIGTERM/SIGINT, then stops it gracefully.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Run a worker agent for a coordinator.")
final class AgentCommand implements Callable<Integer> {
  /** The exit code when the coordinator refuses this agent's worker id or token. */
  static final int EXIT_REFUSED = 3;

  @Option(
      names = "--server",
      defaultValue = "${env:OPEVA_SERVER}",
      description = "Coordinator URL (OPEVA_SERVER)")
  String server;

  @Option(
      names = "--worker-id",
      defaultValue = "${env:WORKER_ID}",
      description = "This worker's id (WORKER_ID)")
  String workerId;

  @Option(
      names = "--shared-dir",
      defaultValue = "${env:OPEVA_SHARED_DIR}",
      description = "The shared directory as mounted here (OPEVA_SHARED_DIR)")
  Path sharedDir;

  @Option(
      names = "--slots",
      defaultValue = "${env:OPEVA_SLOTS:-1}",
      description = "Jobs run at once (OPEVA_SLOTS)")
  int slots;

  @Option(
      names = "--runner",
      defaultValue = "${env:OPEVA_RUNNER}",
      description =
          "docker or process (OPEVA_RUNNER); default: docker when the docker CLI is installed."
              + " The docker runner checks at start that `docker info` reaches a daemon")
  String runner;

  @Option(
      names = "--runner-fallback",
      defaultValue = "${env:OPEVA_RUNNER_FALLBACK:-none}",
      description =
          "What to do when the docker runner finds no Docker daemon at start"
              + " (OPEVA_RUNNER_FALLBACK): none (exit with a message) or process (run jobs as"
              + " processes)")
  String runnerFallback;

  @Option(
      names = "--docker-network",
      defaultValue = "${env:OPEVA_DOCKER_NETWORK}",
      description = "Network job containers join (OPEVA_DOCKER_NETWORK)")
  String dockerNetwork;

  @Option(
      names = "--process-command",
      defaultValue = "${env:OPEVA_PROCESS_COMMAND}",
      description =
          "Process runner command on this host, space-separated (OPEVA_PROCESS_COMMAND); "
              + "default: the coordinator's jobs.process_command, else the bundled sample simulation")
  String processCommand;

  @Option(
      names = "--state-dir",
      defaultValue = "${env:OPEVA_AGENT_STATE_DIR}",
      description =
          "Where undelivered reports, run records and the run journal are kept"
              + " (OPEVA_AGENT_STATE_DIR); default <shared-dir>/.agents/<worker-id>")
  Path stateDir;

  @Option(
      names = "--token-file",
      defaultValue = "${env:OPEVA_TOKEN_FILE}",
      description =
          "A file holding this worker's agent token (OPEVA_TOKEN_FILE); or set OPEVA_TOKEN itself")
  Path tokenFile;

  @Option(names = "--heartbeat-seconds", defaultValue = "15", description = "Heartbeat interval")
  double heartbeatSeconds;

  @Option(names = "--poll-wait-seconds", defaultValue = "30", description = "Long-poll wait, 0..60")
  double pollWaitSeconds;

  @Option(
      names = "--stop-grace-seconds",
      defaultValue = "10",
      description = "SIGTERM to SIGKILL delay")
  double stopGraceSeconds;

  @Override
  public Integer call() throws Exception {
    AgentSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      System.err.println("opeva-coordinator agent: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Agent agent = new Agent(settings);
    String deployment;
    try {
      deployment = vertx.deployVerticle(agent).await(3, TimeUnit.MINUTES);
    } catch (Exception e) {
      System.err.println("opeva-coordinator agent: failed to start: " + e.getMessage());
      vertx.close().await(30, TimeUnit.SECONDS);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<String> refusal = new AtomicReference<>();
    agent
        .refused()
        .onFailure(
            err -> {
              refusal.set(err.getMessage());
              stopped.countDown();
            });
    Thread hook =
        new Thread(
            () -> {
              try {
                // Close Vert.x from this thread once the agent is undeployed (as serve does).
                vertx.undeploy(deployment).await(2, TimeUnit.MINUTES);
                vertx.close().await(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                System.err.println("opeva-coordinator agent: unclean shutdown: " + e.getMessage());
              } finally {
                stopped.countDown();
              }
            },
            "opeva-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    if (refusal.get() == null) {
      return 0;
    }
    // Refused by the coordinator: retrying cannot help, so the agent ends with a message.
    System.err.println("opeva-coordinator agent: " + refusal.get());
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return EXIT_REFUSED; // the hook closes Vert.x
    }
    vertx.undeploy(deployment).await(2, TimeUnit.MINUTES);
    vertx.close().await(30, TimeUnit.SECONDS);
    return EXIT_REFUSED;
  }

  AgentSettings settings() {
    URI url = URI.create(required("--server / OPEVA_SERVER", server));
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
        || url.getHost() == null) {
      throw new IllegalArgumentException("--server must be an http(s) URL, got '" + server + "'");
    }
    String id = required("--worker-id / WORKER_ID", workerId);
    if (sharedDir == null) {
      throw new IllegalArgumentException("--shared-dir / OPEVA_SHARED_DIR is required");
    }
    Path shared = sharedDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(shared)) {
      throw new IllegalArgumentException(
          "--shared-dir " + shared + " is not a directory (is the share mounted?)");
    }
    String kind =
        runner == null || runner.isBlank()
            ? (dockerInstalled() ? "docker" : "process")
            : runner.trim();
    var timings =
        new AgentSettings.Timings(
            seconds(heartbeatSeconds),
            seconds(heartbeatSeconds * 4),
            seconds(pollWaitSeconds),
            seconds(stopGraceSeconds),
            AgentSettings.Timings.DEFAULT.retryMin(),
            AgentSettings.Timings.DEFAULT.retryMax());
    AgentSettings s =
        AgentSettings.of(url, id, shared)
            .withSlots(slots)
            .withRunner(kind, Optional.ofNullable(dockerNetwork).filter(n -> !n.isBlank()))
            .withRunnerFallback(
                runnerFallback == null || runnerFallback.isBlank() ? "none" : runnerFallback.trim())
            .withTimings(timings);
    if (processCommand != null && !processCommand.isBlank()) {
      s = s.withProcessCommand(List.of(processCommand.trim().split("\\s+")));
    }
    s = s.withToken(token());
    return stateDir == null ? s : s.withStateDir(stateDir.toAbsolutePath().normalize());
  }

  /** The token from --token-file / OPEVA_TOKEN_FILE, else OPEVA_TOKEN; none when neither is set. */
  private String token() {
    if (tokenFile != null) {
      try {
        return Files.readString(tokenFile).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "--token-file " + tokenFile + " cannot be read: " + e.getMessage());
      }
    }
    String env = System.getenv("OPEVA_TOKEN");
    return env == null || env.isBlank() ? null : env.strip();
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.trim();
  }

  private static Duration seconds(double s) {
    if (s < 0 || Double.isNaN(s)) {
      throw new IllegalArgumentException("durations must not be negative, got " + s);
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private static boolean dockerInstalled() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "docker"))) {
        return true;
      }
    }
    return false;
  }
}
