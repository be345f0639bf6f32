package eu.opeva.coordinator.testing;

import static eu.opeva.coordinator.testing.Eventually.eventually;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real worker agent in its own JVM (the test's classpath, {@code agent}), for tests that kill it
 * the hard way: started with the given options, killed with SIGKILL. Its output goes to a log file.
 */
public final class AgentProcess implements AutoCloseable {
  private static final String READY = " working for ";

  private final Path log;
  private final java.util.Map<String, String> env = new java.util.HashMap<>();
  private final List<String> jvmOptions;
  private Process process;

  public AgentProcess(Path log) {
    this(log, List.of("-Xmx128m"));
  }

  /** An agent whose JVM gets {@code jvmOptions} (heap included) instead of just -Xmx128m. */
  public AgentProcess(Path log, List<String> jvmOptions) {
    this.log = log;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** An environment variable of the agent's process (set before it starts). */
  public AgentProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Starts {@code agent <options>} and waits until it works for its coordinator. */
  public AgentProcess start(List<String> options) throws IOException {
    launch(options);
    eventually(
        Duration.ofSeconds(60),
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "the agent exited with " + process.exitValue() + ":\n" + output());
          }
          return output().contains(READY) ? true : null;
        });
    return this;
  }

  /** Starts {@code agent <options>} without waiting for anything. */
  public AgentProcess launch(List<String> options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Dvertx.disableDnsResolver=true",
            "-cp",
            System.getProperty("java.class.path"),
            "eu.opeva.coordinator.Main",
            "agent"));
    command.addAll(options);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    process = builder.start();
    return this;
  }

  /** Waits for the agent to exit on its own; its exit code. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the agent is still running after " + limit + ":\n" + output());
    }
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, the agent cannot clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
