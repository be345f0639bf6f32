package eu.opeva.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.agent.AgentSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName(
    "The agent subcommand turns its options into agent settings, refusing unusable ones clearly")
class AgentCommandTest {
  @TempDir Path shared;

  private AgentSettings parse(String... args) {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  @DisplayName(
      "every option lands in the settings; the state folder defaults to the shared directory")
  void options() {
    AgentSettings s =
        parse(
            "--server",
            "http://10.8.0.1:8000/",
            "--worker-id",
            "gpu-1",
            "--shared-dir",
            shared.toString(),
            "--slots",
            "3",
            "--runner",
            "docker",
            "--docker-network",
            "opeva_network",
            "--process-command",
            "python3 /opt/sim.py",
            "--heartbeat-seconds",
            "10",
            "--poll-wait-seconds",
            "20",
            "--stop-grace-seconds",
            "5",
            "--runner-fallback",
            "process");

    assertThat(s.server().toString()).isEqualTo("http://10.8.0.1:8000/");
    assertThat(s.workerId()).isEqualTo("gpu-1");
    assertThat(s.sharedDir()).isEqualTo(shared.toAbsolutePath());
    assertThat(s.stateDir()).isEqualTo(shared.toAbsolutePath().resolve(".agents/gpu-1"));
    assertThat(s.slots()).isEqualTo(3);
    assertThat(s.runner()).isEqualTo("docker");
    assertThat(s.runnerFallback()).isEqualTo("process");
    assertThat(s.dockerNetwork()).contains("opeva_network");
    assertThat(s.processCommand()).containsExactly("python3", "/opt/sim.py");
    assertThat(s.timings().heartbeat()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.timings().statusRefresh()).isEqualTo(Duration.ofSeconds(40));
    assertThat(s.timings().pollWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.timings().stopGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("missing or unusable settings are refused with a message naming them")
  void refusals() {
    String dir = shared.toString();
    assertThatThrownBy(() -> parse("--worker-id", "w", "--shared-dir", dir))
        .hasMessageContaining("--server / OPEVA_SERVER is required");
    assertThatThrownBy(() -> parse("--server", "ftp://x", "--worker-id", "w", "--shared-dir", dir))
        .hasMessageContaining("--server must be an http(s) URL");
    assertThatThrownBy(() -> parse("--server", "http://x:8000", "--shared-dir", dir))
        .hasMessageContaining("--worker-id / WORKER_ID is required");
    assertThatThrownBy(
            () ->
                parse(
                    "--server",
                    "http://x:8000",
                    "--worker-id",
                    "w",
                    "--shared-dir",
                    dir + "/missing"))
        .hasMessageContaining("is not a directory");
    assertThatThrownBy(
            () ->
                parse(
                    "--server",
                    "http://x:8000",
                    "--worker-id",
                    "w",
                    "--shared-dir",
                    dir,
                    "--runner",
                    "podman"))
        .hasMessageContaining("runner must be one of [process, docker]");
    assertThatThrownBy(
            () ->
                parse(
                    "--server",
                    "http://x:8000",
                    "--worker-id",
                    "w",
                    "--shared-dir",
                    dir,
                    "--runner-fallback",
                    "podman"))
        .hasMessageContaining("runner fallback must be one of [none, process]");
    assertThatThrownBy(
            () ->
                parse(
                    "--server",
                    "http://x:8000",
                    "--worker-id",
                    "w",
                    "--shared-dir",
                    dir,
                    "--slots",
                    "0"))
        .hasMessageContaining("slots must be at least 1");
    assertThatThrownBy(
            () ->
                parse(
                    "--server",
                    "http://x:8000",
                    "--worker-id",
                    "w",
                    "--shared-dir",
                    dir,
                    "--poll-wait-seconds",
                    "90"))
        .hasMessageContaining("at most 60 s");
  }
}
