package eu.opeva.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Progress bars and colours on a terminal only, never with NO_COLOR or --no-progress")
class TerminalCliTest extends CliHttpTest {
  private static final String ESC = "\u001b[";

  private CliRun.Result onTerminal(Map<String, String> env, String... args) {
    return CliRun.run(env, clock, true, args);
  }

  private String finishedJob() throws Exception {
    String id = jobs.running("worker-a");
    Files.createDirectories(jobs.logFile(id).getParent());
    Files.writeString(jobs.logFile(id), "episode 1\n".repeat(2000));
    jobs.report(id, "finished", "worker-a");
    return id;
  }

  @Test
  @DisplayName("download on a terminal draws a bar on stderr; the file and stdout stay clean")
  void progressBar() throws Exception {
    String id = finishedJob();
    Path zip = home().resolve("bar.zip");
    CliRun.Result r = onTerminal(cliEnv(), "download", id, "-o", zip.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(zip + "\n");
    assertThat(r.err()).contains("bundle").contains("100%").contains("KiB").contains("\r");

    CliRun.Result quiet =
        onTerminal(cliEnv(), "download", id, "-o", zip.toString(), "--no-progress");
    assertThat(quiet.err()).doesNotContain("%").doesNotContain("\r");
    CliRun.Result piped = opeva("download", id, "-o", zip.toString());
    assertThat(piped.err()).as("off a terminal").doesNotContain("%").doesNotContain("\r");
  }

  @Test
  @DisplayName("statuses are coloured on a terminal; not with NO_COLOR, TERM=dumb or off one")
  void colours() {
    String id = jobs.running("worker-a");
    assertThat(onTerminal(cliEnv(), "status", id).out()).contains(ESC + "36mrunning");
    Map<String, String> noColor = cliEnv();
    noColor.put("NO_COLOR", "1");
    assertThat(onTerminal(noColor, "status", id).out()).doesNotContain(ESC);
    assertThat(onTerminal(noColor, "list").out()).doesNotContain(ESC).contains("running");
    Map<String, String> dumb = cliEnv();
    dumb.put("TERM", "dumb");
    assertThat(onTerminal(dumb, "status", id).out()).doesNotContain(ESC);
    assertThat(opeva("status", id).out()).doesNotContain(ESC);
    assertThat(opeva("status", "missing").err()).doesNotContain(ESC);
  }
}
