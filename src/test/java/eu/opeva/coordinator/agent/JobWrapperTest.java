package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.agent.AgentTesting.processGone;
import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "The sh wrapper of process-runner jobs keeps exit codes and output, and ends the job with the agent")
class JobWrapperTest {
  @TempDir Path dir;
  Process wrapper;

  @AfterEach
  void cleanUp() {
    if (wrapper != null) {
      wrapper.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      wrapper.destroyForcibly();
    }
  }

  /** Starts {@code script} (run by sh) through the wrapper, as the process runner does. */
  private Process start(String script) throws IOException {
    LaunchPlan plan = new LaunchPlan(List.of("sh", "-c", script), Map.of("X", "1"), dir, Map.of());
    List<String> command =
        JobWrapper.wrap(plan.command(), JobWrapper.name("job-1", 3), Duration.ofSeconds(1));
    wrapper = JobProcess.spawn(command, plan, dir.resolve("job.log"), true);
    return wrapper;
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("job.log"));
  }

  /** The job's pid: the wrapper's child that is not its watcher (a subshell, named as it is). */
  private long jobPid(String marker) {
    return eventually(
        Duration.ofSeconds(10),
        () ->
            wrapper
                .toHandle()
                .children()
                .filter(
                    c -> {
                      String line = c.info().commandLine().orElse("");
                      return line.contains(marker) && !line.contains("opeva-job:");
                    })
                .map(ProcessHandle::pid)
                .findFirst()
                .orElse(null));
  }

  @Test
  @DisplayName("the job's exit code, stdout and stderr come through; the wrapper adds nothing")
  void exitCodeAndOutput() throws Exception {
    Process p =
        start("echo out; echo err >&2; echo \"X=$X\"; read line || echo stdin-empty; exit 7");

    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(7);
    assertThat(log()).isEqualTo("out\nerr\nX=1\nstdin-empty\n");
  }

  @Test
  @DisplayName("a SIGTERM to the wrapper reaches the job, and the job's own exit code is kept")
  void forwardsSigterm() throws Exception {
    Process p = start("trap 'echo got-term; exit 5' TERM; echo ready; while :; do sleep 0.1; done");
    eventually(Duration.ofSeconds(10), "the job runs", () -> logContains("ready"));
    assertThat(p.info().commandLine().orElse("")).contains("opeva-job:job-1:3");

    p.destroy();

    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(5);
    assertThat(log()).contains("got-term").doesNotContain("Terminated");
  }

  @Test
  @DisplayName("when the agent's pipe closes (the agent died) the job gets SIGTERM")
  void endsJobWhenAgentGoes() throws Exception {
    Process p = start("echo ready; exec sleep 300");
    eventually(Duration.ofSeconds(10), "the job runs", () -> logContains("ready"));
    long job = jobPid("sleep 300");

    p.getOutputStream().close();

    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(143);
    eventually(Duration.ofSeconds(10), "the job is gone", () -> processGone(job));
  }

  @Test
  @DisplayName("a job that ignores SIGTERM is killed after the grace once the agent's pipe closes")
  void killsJobAfterGrace() throws Exception {
    Process p = start("trap '' TERM; echo ready; while :; do sleep 0.1; done");
    eventually(Duration.ofSeconds(10), "the job runs", () -> logContains("ready"));

    p.getOutputStream().close();

    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
  }

  @Test
  @DisplayName(
      "a program that cannot run fails as a process start would, before the wrapper starts")
  void programMustBeRunnable() throws Exception {
    assertThatThrownBy(() -> JobWrapper.requireRunnable(List.of("no-such-program-x"), dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot run program \"no-such-program-x\"");
    Path notExecutable = Files.writeString(dir.resolve("sim"), "#!/bin/sh\n");
    assertThatThrownBy(() -> JobWrapper.requireRunnable(List.of(notExecutable.toString()), dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Permission denied");
    JobWrapper.requireRunnable(List.of("sh", "-c", "true"), dir);
  }

  private boolean logContains(String text) {
    try {
      return Files.exists(dir.resolve("job.log")) && log().contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
