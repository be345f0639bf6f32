package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.AgentProcess;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real agent processes against a coordinator on port 0, with a fake {@code docker} command first on
 * their PATH (no Docker is needed).
 */
@DisplayName("The agent checks its runner and its welcome at start, and says what is wrong")
class AgentStartChecksTest extends CoordinatorHttpTest {
  static final Duration EXIT = Duration.ofSeconds(60);
  static final String NO_DAEMON =
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
          + " Is the docker daemon running?";

  @TempDir Path bin;
  private final List<AgentProcess> agents = new ArrayList<>();

  @AfterEach
  void killAgents() throws Exception {
    for (AgentProcess a : agents) {
      a.close();
    }
  }

  /** A {@code docker} whose {@code info} fails as without a daemon, or answers a version. */
  private void fakeDocker(boolean daemon) throws IOException {
    String info =
        daemon ? "echo 27.1.1; exit 0" : "echo '" + NO_DAEMON + "' >&2; echo 'ERROR: x' ; exit 1";
    Path docker = bin.resolve("docker");
    Files.writeString(
        docker, "#!/bin/sh\nif [ \"$1\" = info ]; then " + info + "; fi\n# ps, rm ...: nothing\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private AgentProcess agent(String name) {
    AgentProcess a =
        new AgentProcess(bin.resolve(name + ".log"))
            .env("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"))
            .env("OPEVA_RUNNER", "")
            .env("OPEVA_RUNNER_FALLBACK", "");
    agents.add(a);
    return a;
  }

  private List<String> options(String worker, String... more) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "--server",
                "http://127.0.0.1:" + tc.port(),
                "--worker-id",
                worker,
                "--shared-dir",
                root.toString(),
                "--heartbeat-seconds",
                "1"));
    out.addAll(List.of(more));
    return out;
  }

  @Test
  @DisplayName("docker CLI without a daemon: the agent exits 1 and says what docker info said")
  void noDaemon() throws Exception {
    fakeDocker(false);
    // No --runner: the installed CLI makes docker the default, and the check refuses it.
    AgentProcess a = agent("no-daemon").launch(options("worker-a"));
    assertThat(a.awaitExit(EXIT)).isEqualTo(1);
    assertThat(a.output())
        .contains("failed to start: the docker runner needs a running Docker daemon")
        .contains("`docker info` failed (exit code 1)")
        .contains(NO_DAEMON)
        .contains("--runner process")
        .contains("--runner-fallback process");
  }

  @Test
  @DisplayName("with --runner-fallback process the agent warns and runs jobs as processes")
  void fallBackToProcesses() throws Exception {
    fakeDocker(false);
    AgentProcess a =
        agent("fallback")
            .start(options("worker-a", "--runner", "docker", "--runner-fallback", "process"));
    assertThat(a.output())
        .contains("the docker runner is not usable")
        .contains("agent worker-a (process runner");
  }

  @Test
  @DisplayName("a daemon that answers docker info: the docker runner is used")
  void daemonAnswers() throws Exception {
    fakeDocker(true);
    AgentProcess a = agent("daemon").start(options("worker-a", "--runner", "docker"));
    assertThat(a.output()).contains("agent worker-a (docker runner");
  }

  @Test
  @DisplayName("a worker id the coordinator refuses: the agent exits 3 with a message, no retries")
  void refusedWorkerId() throws Exception {
    AgentProcess a = agent("intruder").launch(options("intruder", "--runner", "process"));
    assertThat(a.awaitExit(EXIT)).isEqualTo(3);
    assertThat(a.output())
        .contains("the coordinator at http://127.0.0.1:" + tc.port())
        .contains("refuses worker id 'intruder' (403")
        .contains("AVAILABLE_HOSTS");
  }
}
