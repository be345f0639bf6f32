package eu.opeva.coordinator.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one agent runs.
 *
 * @param server the coordinator's base URL
 * @param workerId this worker's id (one of the coordinator's {@code hosts.available})
 * @param sharedDir the shared directory as mounted on this host
 * @param stateDir where undelivered terminal reports, the run records and the run journal are kept
 *     across restarts
 * @param slots how many jobs run at once
 * @param runner {@code process} or {@code docker}
 * @param dockerNetwork the network job containers join, if any
 * @param processCommand the process runner's command on this host; empty: the coordinator's, else
 *     the sample
 * @param token this worker's agent token (sent as a bearer token), when the coordinator checks
 * @param runnerFallback {@code process}: when the docker runner is chosen but {@code docker info}
 *     reaches no daemon, run jobs as processes instead; {@code none} (the default): refuse to start
 */
public record AgentSettings(
    URI server,
    String workerId,
    Path sharedDir,
    Path stateDir,
    int slots,
    String runner,
    Optional<String> dockerNetwork,
    List<String> processCommand,
    Timings timings,
    Optional<String> token,
    String runnerFallback) {

  public static final List<String> RUNNERS = List.of("process", "docker");
  public static final List<String> FALLBACKS = List.of("none", "process");

  /**
   * @param heartbeat interval between heartbeats (well within the coordinator's HOST_HEARTBEAT_TTL)
   * @param statusRefresh interval between {@code running} refreshes (well within JOB_STATUS_TTL)
   * @param pollWait how long one {@code next-job} poll may be held by the coordinator
   * @param stopGrace time between SIGTERM and SIGKILL
   * @param retryMin first delay before a failed request is retried (doubling up to {@code
   *     retryMax})
   * @param retryMax longest delay between retries
   */
  public record Timings(
      Duration heartbeat,
      Duration statusRefresh,
      Duration pollWait,
      Duration stopGrace,
      Duration retryMin,
      Duration retryMax) {
    public static final Timings DEFAULT =
        new Timings(
            Duration.ofSeconds(15),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            Duration.ofSeconds(30));
  }

  public AgentSettings {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    if (!RUNNERS.contains(runner)) {
      throw new IllegalArgumentException(
          "runner must be one of " + RUNNERS + ", got '" + runner + "'");
    }
    if (!FALLBACKS.contains(runnerFallback)) {
      throw new IllegalArgumentException(
          "runner fallback must be one of " + FALLBACKS + ", got '" + runnerFallback + "'");
    }
    if (timings.pollWait().toSeconds() > 60) {
      throw new IllegalArgumentException(
          "the poll wait is at most 60 s, got " + timings.pollWait().toSeconds());
    }
  }

  /** Defaults for everything but the three required settings: one slot, process runner. */
  public static AgentSettings of(URI server, String workerId, Path sharedDir) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        defaultStateDir(sharedDir, workerId),
        1,
        "process",
        Optional.empty(),
        List.of(),
        Timings.DEFAULT,
        Optional.empty(),
        "none");
  }

  /**
   * Inside the shared directory, so a reinstalled host or a moved agent still finds its reports.
   */
  public static Path defaultStateDir(Path sharedDir, String workerId) {
    return sharedDir.resolve(".agents").resolve(workerId);
  }

  public AgentSettings withSlots(int n) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        stateDir,
        n,
        runner,
        dockerNetwork,
        processCommand,
        timings,
        token,
        runnerFallback);
  }

  public AgentSettings withRunner(String r, Optional<String> network) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        stateDir,
        slots,
        r,
        network,
        processCommand,
        timings,
        token,
        runnerFallback);
  }

  public AgentSettings withProcessCommand(List<String> command) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        stateDir,
        slots,
        runner,
        dockerNetwork,
        command,
        timings,
        token,
        runnerFallback);
  }

  public AgentSettings withStateDir(Path dir) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        dir,
        slots,
        runner,
        dockerNetwork,
        processCommand,
        timings,
        token,
        runnerFallback);
  }

  public AgentSettings withTimings(Timings t) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        stateDir,
        slots,
        runner,
        dockerNetwork,
        processCommand,
        t,
        token,
        runnerFallback);
  }

  /** With the agent token this worker presents to the coordinator. */
  public AgentSettings withToken(String t) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        stateDir,
        slots,
        runner,
        dockerNetwork,
        processCommand,
        timings,
        Optional.ofNullable(t).filter(x -> !x.isBlank()),
        runnerFallback);
  }

  /** With what to do when the docker runner finds no Docker daemon ({@link #FALLBACKS}). */
  public AgentSettings withRunnerFallback(String fallback) {
    return new AgentSettings(
        server,
        workerId,
        sharedDir,
        stateDir,
        slots,
        runner,
        dockerNetwork,
        processCommand,
        timings,
        token,
        fallback);
  }
}
