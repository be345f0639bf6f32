package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A failure's diagnostic is the last lines of the job's log")
class JobLogNotesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the last 20 whole lines, within 4 KiB, without a line cut in half")
  void tail() throws Exception {
    Path log = dir.resolve("job.log");
    Files.writeString(
        log,
        IntStream.rangeClosed(1, 500)
            .mapToObj(i -> "line " + i + " " + "x".repeat(100))
            .collect(Collectors.joining("\n", "", "\n")));

    String tail = JobLogNotes.tail(log);

    assertThat(tail.lines())
        .hasSize(20)
        .allMatch(l -> l.startsWith("line ") && l.endsWith("x".repeat(100)));
    assertThat(tail).startsWith("line 481 ").endsWith("x");
  }

  @Test
  @DisplayName("a missing log gives an empty diagnostic; the agent's own notes are not part of it")
  void missingAndNotes() throws Exception {
    assertThat(JobLogNotes.tail(dir.resolve("none.log"))).isEmpty();
    Path log = dir.resolve("logs/j.log");
    JobLogNotes.note(log, "starts attempt 1");
    Files.writeString(log, "Traceback: boom\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(Files.readString(log)).startsWith("[opeva-agent ").contains("] starts attempt 1\n");
    assertThat(JobLogNotes.tail(log)).isEqualTo("Traceback: boom");
  }
}
