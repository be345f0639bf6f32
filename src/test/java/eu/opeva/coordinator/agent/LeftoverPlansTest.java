package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.protocol.JobPayload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What an agent does at start about runs of its earlier life, as command plans")
class LeftoverPlansTest {
  @Test
  @DisplayName(
      "docker: this worker's containers are listed by label, stopped with the grace, removed")
  void dockerCleanupCommands() {
    assertThat(DockerCleanup.listCommand("gpu-1"))
        .containsExactly(
            "docker",
            "ps",
            "-a",
            "--filter",
            "label=opeva.worker=gpu-1",
            "--format",
            "{{.ID}}\t{{.Names}}\t{{.Label \"opeva.job\"}}\t{{.Label \"opeva.attempt\"}}");
    assertThat(DockerCleanup.stopCommand(List.of("c1", "c2"), Duration.ofSeconds(10)))
        .containsExactly("docker", "stop", "--time", "10", "c1", "c2");
    assertThat(DockerCleanup.removeCommand(List.of("c1", "c2")))
        .containsExactly("docker", "rm", "-f", "c1", "c2");
  }

  @Test
  @DisplayName("docker: the listing gives each container's job and attempt from its labels")
  void dockerListingParsed() {
    String out =
        "3f2c1a\topeva_job_Demo-Run1_4f2a9c1e_2\t4f2a9c1e-0000\t2\n"
            + "9e8d7c\tsomething_else\t\t\n"
            + "\n"
            + "1a2b3c\topeva_job_X_1\t../etc\tx\n";

    assertThat(DockerCleanup.parse(out))
        .containsExactly(
            new DockerCleanup.Container(
                "3f2c1a", "opeva_job_Demo-Run1_4f2a9c1e_2", "4f2a9c1e-0000", 2),
            new DockerCleanup.Container("9e8d7c", "something_else", null, null),
            new DockerCleanup.Container("1a2b3c", "opeva_job_X_1", null, null));
  }

  @Test
  @DisplayName(
      "docker: containers carry the attempt in their name and the worker, job and attempt labels")
  void dockerLabels() {
    JobPayload job = JobPayload.fromJson(RunnerPlansTest.payload());

    List<String> command =
        new DockerRunner(null, null, Path.of("/srv/opeva"), "gpu-1", Optional.empty())
            .plan(job, Path.of("/srv/opeva/jobs/4f2a9c1e-0000"))
            .command();

    assertThat(String.join(" ", command))
        .contains(
            "--name opeva_job_Demo-Run1_4f2a9c1e_2 ",
            "--label opeva.job=4f2a9c1e-0000 --label opeva.worker=gpu-1 --label opeva.attempt=2 ");
  }

  @Test
  @DisplayName("process: the job runs through the sh wrapper, named after the job and attempt")
  void processWrapperCommand() {
    List<String> wrapped =
        JobWrapper.wrap(
            List.of("python3", "/srv/sim.py"),
            JobWrapper.name("4f2a9c1e-0000", 2),
            Duration.ofMillis(2500));

    assertThat(wrapped.subList(0, 2)).containsExactly("sh", "-c");
    assertThat(wrapped.subList(3, wrapped.size()))
        .containsExactly("opeva-job:4f2a9c1e-0000:2", "3", "python3", "/srv/sim.py");
  }

  @Test
  @DisplayName(
      "a live pid is the recorded run only if its command line names the job and it started before the record")
  void pidReuseIsRecognised() {
    long started = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    RunRecord run = new RunRecord("4f2a9c1e-0000", 2, 4242, "opeva_job_x_2", "process", started);

    assertThat(
            OldProcess.isRun(
                info("sh -c ... opeva-job:4f2a9c1e-0000:2 3 java", "2026-01-01T09:59:59Z"), run))
        .isTrue();
    assertThat(
            OldProcess.isRun(
                info("sh -c ... opeva-job:4f2a9c1e-0000:2 3 java", "2026-01-01T10:00:04Z"), run))
        .as("within the clock's slack")
        .isTrue();
    assertThat(OldProcess.isRun(info("/usr/bin/python3 other.py", "2026-01-01T09:59:59Z"), run))
        .as("another program under a reused pid")
        .isFalse();
    assertThat(
            OldProcess.isRun(
                info("sh -c ... opeva-job:4f2a9c1e-0000:2 3 java", "2026-01-01T11:00:00Z"), run))
        .as("started after the record: not the same process")
        .isFalse();
  }

  private static ProcessHandle.Info info(String commandLine, String start) {
    return new ProcessHandle.Info() {
      @Override
      public Optional<String> command() {
        return Optional.empty();
      }

      @Override
      public Optional<String> commandLine() {
        return Optional.of(commandLine);
      }

      @Override
      public Optional<String[]> arguments() {
        return Optional.empty();
      }

      @Override
      public Optional<Instant> startInstant() {
        return Optional.of(Instant.parse(start));
      }

      @Override
      public Optional<Duration> totalCpuDuration() {
        return Optional.empty();
      }

      @Override
      public Optional<String> user() {
        return Optional.empty();
      }
    };
  }
}
