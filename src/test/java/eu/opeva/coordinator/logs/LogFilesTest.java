package eu.opeva.coordinator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.storage.SharedLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A job's log file is chosen in the order of the replaced service")
class LogFilesTest {
  static final String ID = "job-1";
  @TempDir Path root;
  Path logs;
  LogFiles files;

  @BeforeEach
  void setUp() throws Exception {
    logs = Files.createDirectories(root.resolve("jobs").resolve(ID).resolve("logs"));
    files = new LogFiles(new SharedLayout(root));
  }

  @Test
  @DisplayName("no logs folder, or no .log file in it, means no log")
  void none() throws Exception {
    assertThat(new LogFiles(new SharedLayout(root)).resolve("other")).isEmpty();
    write("notes.txt", "x", 1);
    assertThat(files.resolve(ID)).isEmpty();
  }

  @Test
  @DisplayName("a non-empty <id>.log wins over a newer run-id log")
  void canonicalWins() throws Exception {
    write(ID + ".log", "merged", 1);
    write("run-9.log", "run", 5);
    info("{\"run_id\":\"run-9\"}");
    assertThat(name()).isEqualTo(ID + ".log");
  }

  @Test
  @DisplayName("an empty <id>.log gives way to the non-empty run-id log")
  void emptyCanonical() throws Exception {
    write(ID + ".log", "", 5);
    write("run-9.log", "run", 1);
    info("{\"run_id\":\"run-9\"}");
    assertThat(name()).isEqualTo("run-9.log");
  }

  @Test
  @DisplayName("the mlflow_run_id log of job_info.json is found")
  void mlflowRunId() throws Exception {
    write("abc.log", "mlflow", 1);
    write("zzz.log", "", 9);
    info("{\"mlflow_run_id\":\"abc\"}");
    assertThat(name()).isEqualTo("abc.log");
  }

  @Test
  @DisplayName("when known logs are empty, the newest non-empty log of any name is used")
  void runtimeLog() throws Exception {
    write(ID + ".log", "", 9);
    write("old.log", "old", 1);
    write("runtime.log", "new", 2);
    assertThat(name()).isEqualTo("runtime.log");
  }

  @Test
  @DisplayName("when every log is empty, the known one is used, else the newest")
  void allEmpty() throws Exception {
    write("a.log", "", 1);
    write("b.log", "", 2);
    assertThat(name()).isEqualTo("b.log");
    write(ID + ".log", "", 0);
    assertThat(name()).isEqualTo(ID + ".log");
  }

  @Test
  @DisplayName(
      "a run id that is not a plain name is ignored, and a link out of the job folder is not a log")
  void unsafeNames() throws Exception {
    Files.writeString(root.resolve("secret.log"), "secret");
    Files.createSymbolicLink(logs.resolve("evil.log"), root.resolve("secret.log"));
    info("{\"run_id\":\"../../../secret\"}");
    assertThat(files.resolve(ID)).isEmpty();
  }

  private String name() throws Exception {
    return files.resolve(ID).orElseThrow().name();
  }

  private void write(String name, String text, int minute) throws Exception {
    Path p = logs.resolve(name);
    Files.writeString(p, text);
    Files.setLastModifiedTime(
        p, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute)));
  }

  private void info(String json) throws Exception {
    Files.writeString(root.resolve("jobs").resolve(ID).resolve("job_info.json"), json);
  }
}
