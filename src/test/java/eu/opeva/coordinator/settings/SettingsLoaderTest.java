package eu.opeva.coordinator.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.RetryPolicy.Cause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration: defaults, file, then environment, validated at start")
class SettingsLoaderTest {
  @Test
  @DisplayName("defaults match the replaced service")
  void defaults() {
    Settings c = SettingsLoader.load(Optional.empty(), Map.of());
    assertThat(c.http().port()).isEqualTo(8000);
    assertThat(c.storage().sharedRoot()).isEqualTo(Path.of("/opt/opeva_shared_data"));
    assertThat(c.hosts().available()).containsExactly("tiago-laptop", "local", "deucalion");
    assertThat(c.hosts().heartbeatTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.hosts().staleGrace()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.claimTtl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.jobs().statusTtl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.jobs().containerNamePrefix()).isEqualTo("opeva_job");
    HostSettings deucalion = c.hosts().settingsOf("deucalion");
    assertThat(deucalion.pinnedOnly()).isTrue();
    assertThat(deucalion.maxActiveJobs()).containsEntry("cpu", 1).containsEntry("gpu", 1);
    assertThat(deucalion.dispatchStatusTtl()).contains(Duration.ofSeconds(21600));
    assertThat(c.hosts().settingsOf("local")).isEqualTo(HostSettings.DEFAULT);
    assertThat(c.monitorInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.http().corsAllowedOrigins())
        .contains("http://localhost:3000", "https://softcps.dei.isep.ipp.pt:8001");
    RetryPolicy retry = c.jobs().retry();
    assertThat(retry.maxAttempts()).isEqualTo(3);
    assertThat(retry.backoffMs()).isEqualTo(10_000);
    assertThat(retry.maxBackoffMs()).isEqualTo(360_000);
    assertThat(retry.on()).containsExactlyInAnyOrder(Cause.WORKER_LOST, Cause.STALE);
    assertThat(retry.exitCodes()).isEmpty();
    assertThat(c.jobs().priorityAging()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  @DisplayName("the image catalogue: the replaced service's defaults, a floor on the timeout")
  void imageCatalog() {
    Settings.ImageCatalog d = SettingsLoader.load(Optional.empty(), Map.of()).jobs().imageCatalog();
    assertThat(d)
        .isEqualTo(
            new Settings.ImageCatalog(
                "https://hub.docker.com",
                "calof/opeva_simulator_sif",
                50,
                Duration.ofSeconds(120),
                Duration.ofSeconds(10)));
    Settings.ImageCatalog c =
        SettingsLoader.load(
                Optional.empty(),
                Map.of(
                    "JOB_IMAGE_REGISTRY_URL", "http://registry.local:5000/",
                    "JOB_SIF_REPOSITORY", "hpc/sim_sif",
                    "JOB_IMAGE_TAGS_LIMIT", "7",
                    "JOB_IMAGE_CATALOG_TTL_SECONDS", "0",
                    "JOB_IMAGE_CATALOG_TIMEOUT_SECONDS", "0.2"))
            .jobs()
            .imageCatalog();
    assertThat(c.registryUrl()).isEqualTo("http://registry.local:5000");
    assertThat(c.sifRepository()).isEqualTo("hpc/sim_sif");
    assertThat(c.tagsLimit()).isEqualTo(7);
    assertThat(c.ttl()).isZero();
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(1));
    for (var bad :
        Map.of(
                "JOB_IMAGE_REGISTRY_URL", "hub.docker.com",
                "JOB_IMAGE_TAGS_LIMIT", "201",
                "JOB_IMAGE_CATALOG_TTL_SECONDS", "-1")
            .entrySet()) {
      assertThatThrownBy(
              () -> SettingsLoader.load(Optional.empty(), Map.of(bad.getKey(), bad.getValue())))
          .as(bad.getKey())
          .hasMessageContaining(bad.getKey());
    }
  }

  @Test
  @DisplayName("the retry policy from the environment: causes as a comma list, bad ones refused")
  void retryFromEnvironment() {
    Settings c =
        SettingsLoader.load(
            Optional.empty(),
            Map.of(
                "RETRY_ON",
                "exit_code, stale",
                "RETRY_MAX_ATTEMPTS",
                "5",
                "RETRY_BACKOFF_SECONDS",
                "0"));
    assertThat(c.jobs().retry().on()).containsExactlyInAnyOrder(Cause.EXIT_CODE, Cause.STALE);
    assertThat(c.jobs().retry().maxAttempts()).isEqualTo(5);
    assertThat(c.jobs().retry().backoffMs()).isZero();
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("RETRY_ON", "sometimes")))
        .hasMessageContaining("RETRY_ON")
        .hasMessageContaining("sometimes");
    assertThatThrownBy(
            () -> SettingsLoader.load(Optional.empty(), Map.of("RETRY_MAX_ATTEMPTS", "0")))
        .hasMessageContaining("RETRY_MAX_ATTEMPTS");
  }

  @Test
  @DisplayName("environment variables override, and every derived folder follows VM_SHARED_DATA")
  void environment() {
    Settings c =
        SettingsLoader.load(
            Optional.empty(),
            Map.of(
                "VM_SHARED_DATA",
                "/srv/shared",
                "AVAILABLE_HOSTS",
                "a, b,c",
                "HOST_HEARTBEAT_TTL",
                "15",
                "DEUCALION_MAX_ACTIVE_GPU_JOBS",
                "-3",
                "DEUCALION_MAX_ACTIVE_CPU_JOBS",
                "4",
                "MLFLOW_UI_BASE_URL",
                "http://mlflow:5000",
                "HTTP_PORT",
                "9000"));
    assertThat(c.storage().sharedRoot()).isEqualTo(Path.of("/srv/shared"));
    assertThat(c.hosts().available()).containsExactly("a", "b", "c");
    assertThat(c.hosts().heartbeatTtl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.hosts().settingsOf("deucalion").maxActiveJobs())
        .containsEntry("gpu", 0)
        .containsEntry("cpu", 4);
    assertThat(c.jobs().mlflowUiBaseUrl()).contains("http://mlflow:5000");
    assertThat(c.http().port()).isEqualTo(9000);
    assertThat(
            SettingsLoader.load(Optional.empty(), Map.of("AVAILABLE_HOSTS", "[\"x\",\"y\"]"))
                .hosts()
                .available())
        .containsExactly("x", "y");
  }

  @Test
  @DisplayName("a bad value stops the start with one message naming the setting")
  void badValues() {
    assertThatThrownBy(
            () -> SettingsLoader.load(Optional.empty(), Map.of("HOST_HEARTBEAT_TTL", "soon")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("HOST_HEARTBEAT_TTL")
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("HTTP_PORT", "70000")))
        .hasMessageContaining("HTTP_PORT");
    assertThatThrownBy(
            () -> SettingsLoader.load(Optional.empty(), Map.of("AVAILABLE_HOSTS", "ok,../etc")))
        .hasMessageContaining("AVAILABLE_HOSTS");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Optional.empty(), Map.of("CORS_ALLOWED_ORIGINS", "localhost:3000")))
        .hasMessageContaining("CORS_ALLOWED_ORIGINS");
  }

  @Test
  @DisplayName("a config file overrides defaults partially; a missing or broken file is refused")
  void file(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(
        f,
        "hosts:\n  settings:\n    gpu-box:\n      max_active_jobs: {gpu: 2}\nmonitor:\n  interval_seconds: 1\n");
    Settings c = SettingsLoader.load(Optional.of(f), Map.of());
    assertThat(c.monitorInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.hosts().settingsOf("gpu-box").slotsFor("gpu")).isEqualTo(2);
    assertThat(c.hosts().settingsOf("deucalion").pinnedOnly()).isTrue();
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(dir.resolve("nope.yaml")), Map.of()))
        .hasMessageContaining("does not exist");
    Files.writeString(f, "monitor: [1, 2");
    assertThatThrownBy(() -> SettingsLoader.load(Optional.of(f), Map.of()))
        .hasMessageContaining("not valid YAML");
  }
}
