package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.protocol.JobPayload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Runners turn a job payload into the exact command they start")
class RunnerPlansTest {
  static final Path SHARED = Path.of("/srv/opeva");
  static final Path JOB_DIR = SHARED.resolve("jobs/4f2a9c1e-0000");

  static JsonObject payload() {
    return new JsonObject()
        .put("job_id", "4f2a9c1e-0000")
        .put("job_name", "Demo-Run1")
        .put("attempt", 2)
        .put("image", "calof/opeva_simulator:v7")
        .put(
            "command",
            "--config /data/jobs/4f2a9c1e-0000/config.resolved.yaml --job_id 4f2a9c1e-0000 --seed=/data/seeds/a")
        .put("container_name", "opeva_job_Demo-Run1_4f2a9c1e_2")
        .put(
            "volumes",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("host", "/opt/opeva_shared_data")
                        .put("container", "/data")
                        .put("mode", "rw")))
        .put(
            "env",
            new JsonObject()
                .put("OPEVA_JOB_NAME", "Demo-Run1")
                .put("MLFLOW_TRACKING_URI", "http://mlflow:5000"));
  }

  @Test
  @DisplayName(
      "docker: attached run with name, labels, network, limits, the shared volume from this host and env by name")
  void dockerCommandLine() {
    JobPayload job =
        JobPayload.fromJson(
            payload()
                .put(
                    "resources",
                    new JsonObject()
                        .put("cpus", 1.5)
                        .put("memory_mb", 2048)
                        .put("timeout_seconds", 600)
                        .put("gpus", 2)));

    LaunchPlan plan =
        new DockerRunner(null, null, SHARED, "gpu-1", Optional.of("opeva_network"))
            .plan(job, JOB_DIR);

    assertThat(plan.command())
        .containsExactly(
            "docker",
            "run",
            "--rm",
            "--name",
            "opeva_job_Demo-Run1_4f2a9c1e_2",
            "--cidfile",
            JOB_DIR.resolve(".container-2.cid").toString(),
            "--label",
            "opeva.job=4f2a9c1e-0000",
            "--label",
            "opeva.worker=gpu-1",
            "--label",
            "opeva.attempt=2",
            "--network",
            "opeva_network",
            "--cpus",
            "1.5",
            "--memory",
            "2048m",
            "--memory-swap",
            "2048m",
            "--gpus",
            "2",
            "-v",
            "/srv/opeva:/data:rw",
            "-e",
            "OPEVA_JOB_NAME",
            "-e",
            "MLFLOW_TRACKING_URI",
            "-e",
            "OPEVA_JOB_ID",
            "calof/opeva_simulator:v7",
            "--config",
            "/data/jobs/4f2a9c1e-0000/config.resolved.yaml",
            "--job_id",
            "4f2a9c1e-0000",
            "--seed=/data/seeds/a");
    assertThat(plan.env())
        .containsExactly(
            Map.entry("OPEVA_JOB_NAME", "Demo-Run1"),
            Map.entry("MLFLOW_TRACKING_URI", "http://mlflow:5000"),
            Map.entry("OPEVA_JOB_ID", "4f2a9c1e-0000"));
    assertThat(plan.limits())
        .containsEntry("cpus", 1.5)
        .containsEntry("memory_mb", 2048)
        .containsEntry("timeout_seconds", 600)
        .containsEntry("gpus", 2);
  }

  @Test
  @DisplayName(
      "docker: with JOB_MOUNTS=job only the job's folder (rw) and datasets/configs (ro) are mounted, from this host")
  void dockerJobMounts() {
    JsonObject p = payload();
    p.put(
        "volumes",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("host", "/opt/opeva_shared_data/jobs/4f2a9c1e-0000")
                    .put("container", "/data/jobs/4f2a9c1e-0000")
                    .put("mode", "rw"))
            .add(
                new JsonObject()
                    .put("host", "/opt/opeva_shared_data/datasets")
                    .put("container", "/data/datasets")
                    .put("mode", "ro"))
            .add(
                new JsonObject()
                    .put("host", "/opt/opeva_shared_data/configs")
                    .put("container", "/data/configs")
                    .put("mode", "ro")));
    JobPayload job = JobPayload.fromJson(p);
    assertThat(job.containerDataPath()).isEqualTo("/data");
    LaunchPlan plan =
        new DockerRunner(null, null, SHARED, "w1", Optional.empty()).plan(job, JOB_DIR);
    assertThat(String.join(" ", plan.command()))
        .contains("-v /srv/opeva/jobs/4f2a9c1e-0000:/data/jobs/4f2a9c1e-0000:rw")
        .contains("-v /srv/opeva/datasets:/data/datasets:ro")
        .contains("-v /srv/opeva/configs:/data/configs:ro")
        .doesNotContain("/srv/opeva:/data:");
  }

  @Test
  @DisplayName(
      "docker: without limits or network nothing extra is added; stop and kill use the container name")
  void dockerMinimal() {
    JobPayload job =
        JobPayload.fromJson(payload().put("attempt", (Integer) null).put("env", new JsonObject()));

    LaunchPlan plan =
        new DockerRunner(null, null, SHARED, "w1", Optional.empty()).plan(job, JOB_DIR);

    assertThat(plan.command())
        .containsExactly(
            "docker",
            "run",
            "--rm",
            "--name",
            "opeva_job_Demo-Run1_4f2a9c1e_2",
            "--cidfile",
            JOB_DIR.resolve(".container-0.cid").toString(),
            "--label",
            "opeva.job=4f2a9c1e-0000",
            "--label",
            "opeva.worker=w1",
            "-v",
            "/srv/opeva:/data:rw",
            "-e",
            "OPEVA_JOB_ID",
            "calof/opeva_simulator:v7",
            "--config",
            "/data/jobs/4f2a9c1e-0000/config.resolved.yaml",
            "--job_id",
            "4f2a9c1e-0000",
            "--seed=/data/seeds/a");
    assertThat(DockerRunner.stopCommand("opeva_job_x", Duration.ofSeconds(10)))
        .containsExactly("docker", "stop", "--time", "10", "opeva_job_x");
    assertThat(DockerRunner.killCommand("opeva_job_x"))
        .containsExactly("docker", "kill", "opeva_job_x");
  }

  @Test
  @DisplayName(
      "process: the coordinator's command plus the arguments, /data mapped to the shared dir")
  void processCommandLine() {
    JobPayload job =
        JobPayload.fromJson(
            payload()
                .put("process_command", new JsonArray().add("/opt/sim/bin/run").add("--fast")));

    LaunchPlan plan = new ProcessRunner(null, SHARED, List.of()).plan(job, JOB_DIR);

    assertThat(plan.command())
        .containsExactly(
            "/opt/sim/bin/run",
            "--fast",
            "--config",
            "/srv/opeva/jobs/4f2a9c1e-0000/config.resolved.yaml",
            "--job_id",
            "4f2a9c1e-0000",
            "--seed=/srv/opeva/seeds/a");
    assertThat(plan.env())
        .containsEntry("OPEVA_DATA_DIR", "/srv/opeva")
        .containsEntry("OPEVA_JOB_ID", "4f2a9c1e-0000")
        .containsEntry("MLFLOW_TRACKING_URI", "http://mlflow:5000");
    assertThat(plan.workDir()).isEqualTo(JOB_DIR);
    assertThat(plan.limits()).isEmpty();
  }

  @Test
  @DisplayName(
      "process: the host's own command wins; a memory limit becomes the data-segment limit of a shell wrapper")
  void processWithMemoryLimit() {
    JobPayload job =
        JobPayload.fromJson(
            payload()
                .put("process_command", new JsonArray().add("/opt/sim/bin/run"))
                .put("resources", new JsonObject().put("memory_mb", 512).put("cpus", 2)));

    LaunchPlan plan =
        new ProcessRunner(null, SHARED, List.of("python3", "/srv/sim.py")).plan(job, JOB_DIR);

    assertThat(plan.command().subList(0, 6))
        .containsExactly(
            "sh", "-c", "ulimit -d 524288 && exec \"$@\"", "opeva-job", "python3", "/srv/sim.py");
    assertThat(plan.limits())
        .containsEntry("memory_mb", 512)
        .containsEntry("cpus_not_enforced", 2.0);
  }

  @Test
  @DisplayName(
      "process: without any configured command the bundled sample simulation runs in a new JVM")
  void processDefaultsToSample() {
    LaunchPlan plan =
        new ProcessRunner(null, SHARED, List.of()).plan(JobPayload.fromJson(payload()), JOB_DIR);

    assertThat(plan.command().get(0)).endsWith("/bin/java");
    assertThat(plan.command()).contains("eu.opeva.coordinator.sample.SampleSimulation", "-cp");
    assertThat(plan.command().subList(plan.command().size() - 5, plan.command().size()))
        .containsExactly(
            "--config",
            "/srv/opeva/jobs/4f2a9c1e-0000/config.resolved.yaml",
            "--job_id",
            "4f2a9c1e-0000",
            "--seed=/srv/opeva/seeds/a");
  }

  @Test
  @DisplayName("a payload whose job id could escape the shared directory is refused")
  void refusesUnsafeJobId() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JobPayload.fromJson(payload().put("job_id", "../etc")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
