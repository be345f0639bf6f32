package eu.opeva.coordinator.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration of the local worker and of the process runner's command")
class WorkerConfigTest {
  @Test
  @DisplayName("by default there is no local worker and agents run the bundled sample")
  void defaults() {
    Settings c = SettingsLoader.load(Optional.empty(), Map.of());
    assertThat(c.localWorker()).isEqualTo(new Settings.LocalWorker(false, "local", 2));
    assertThat(c.jobs().processCommand()).isEmpty();
  }

  @Test
  @DisplayName(
      "LOCAL_WORKER, LOCAL_WORKER_SLOTS and JOB_PROCESS_COMMAND (split at spaces) come from the environment")
  void environment() {
    Settings c =
        SettingsLoader.load(
            Optional.empty(),
            Map.of(
                "LOCAL_WORKER",
                "true",
                "LOCAL_WORKER_SLOTS",
                "3",
                "JOB_PROCESS_COMMAND",
                " python3  /opt/sim/run.py "));
    assertThat(c.localWorker()).isEqualTo(new Settings.LocalWorker(true, "local", 3));
    assertThat(c.jobs().processCommand()).containsExactly("python3", "/opt/sim/run.py");
  }

  @Test
  @DisplayName("a YAML list keeps arguments with spaces as they are")
  void yamlList(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "jobs:\n  process_command: [\"/opt/my sim/run\", \"--fast\"]\n");
    assertThat(SettingsLoader.load(Optional.of(file), Map.of()).jobs().processCommand())
        .containsExactly("/opt/my sim/run", "--fast");
  }

  @Test
  @DisplayName(
      "a local worker that is not an available host is refused at start, naming the setting")
  void unknownLocalWorker() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Optional.empty(), Map.of("LOCAL_WORKER", "true", "AVAILABLE_HOSTS", "gpu-1")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("local_worker.worker_id")
        .hasMessageContaining("hosts.available");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("LOCAL_WORKER", "yes")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("LOCAL_WORKER");
  }
}
