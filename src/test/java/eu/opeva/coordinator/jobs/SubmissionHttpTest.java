package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Submission: config sources, experiment identity, resolved config, images and payload")
class SubmissionHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of(
        "MLFLOW_TRACKING_URI",
        "http://mlflow:5000",
        "MLFLOW_UI_BASE_URL",
        "http://ui:5000",
        "JOB_IMAGE_REPOSITORY",
        "calof/opeva_simulator");
  }

  @Override
  protected Map<String, String> seed() {
    return Map.of(
        "configs/sub/ds.yaml",
        "metadata:\n  experiment_name: MetaExp\n  run_name: MetaRun\nexperiment:\n  name: Old\n"
            + "simulator:\n  dataset_path: ./datasets/demo/schema.json\n  episodes: 3\n");
  }

  @Test
  @DisplayName(
      "a config path with a dataset path gets config.resolved.yaml, and the payload points at it")
  void resolvedConfig() throws Exception {
    JsonObject r =
        jobs.accepted(
            new JsonObject().put("config_path", "configs/sub/ds.yaml").put("image_tag", "v1.2"));
    String id = r.getString("job_id");
    assertThat(r.getString("job_name"))
        .as("metadata wins over experiment")
        .isEqualTo("MetaExp-MetaRun");
    assertThat(r.getString("image")).isEqualTo("calof/opeva_simulator:v1.2");
    JsonObject resolved =
        (JsonObject)
            eu.opeva.coordinator.experiments.Yaml.parse(
                Files.readString(root.resolve("jobs/" + id + "/config.resolved.yaml")), 1 << 20);
    assertThat(resolved.getJsonObject("simulator"))
        .isEqualTo(
            new JsonObject()
                .put("dataset_path", "/data/datasets/demo/schema.json")
                .put("episodes", 3));
    assertThat(resolved.getJsonObject("metadata").getString("run_name")).isEqualTo("MetaRun");
    JsonObject payload = jobs.poll("worker-a");
    assertThat(payload.getString("config_path")).isEqualTo("jobs/" + id + "/config.resolved.yaml");
    assertThat(payload.getString("source_config_path")).isEqualTo("configs/sub/ds.yaml");
    assertThat(payload.getString("command"))
        .isEqualTo("--config /data/jobs/" + id + "/config.resolved.yaml --job_id " + id);
    assertThat(payload.getString("image_tag")).isEqualTo("v1.2");
    assertThat(payload.getValue("deucalion_options")).isNull();
    assertThat(payload.getJsonObject("env").getString("MLFLOW_TRACKING_URI"))
        .isEqualTo("http://mlflow:5000");
    assertThat(payload.getJsonObject("env").getString("MLFLOW_UI_BASE_URL"))
        .isEqualTo("http://ui:5000");
    JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
    assertThat(info.getBoolean("resolved_config_available")).isTrue();
    assertThat(info.getString("resolved_config_file")).isEqualTo("config.resolved.yaml");
  }

  @Test
  @DisplayName(
      "an inline config is saved (as save_as or <job_id>.yaml), with legacy identity and a dataset name")
  void inlineConfig() throws Exception {
    JsonObject config =
        new JsonObject()
            .put("experiment", new JsonObject().put("name", "Legacy").put("run_name", "R"))
            .put("simulator", new JsonObject().put("dataset_name", "lab"));
    JsonObject named =
        jobs.accepted(
            new JsonObject()
                .put("config", config)
                .put("save_as", "mine.yaml")
                .put("job_name", "  custom name "));
    assertThat(named.getString("job_name")).isEqualTo("custom name");
    assertThat(Files.readString(root.resolve("configs/mine.yaml"))).contains("name: Legacy");
    String id = jobs.submit(new JsonObject().put("config", config));
    assertThat(root.resolve("configs/" + id + ".yaml")).exists();
    assertThat(Files.readString(root.resolve("jobs/" + id + "/config.resolved.yaml")))
        .contains("dataset_path: /data/datasets/lab/schema.json");
    JsonObject plain = jobs.accepted(new JsonObject().put("config", new JsonObject().put("x", 1)));
    assertThat(plain.getString("job_name")).isEqualTo("UnnamedExperiment-UnnamedRun");
    assertThat(plain.getString("image_tag")).isEqualTo("latest");
    jobs.poll("worker-a");
    jobs.poll("worker-a");
    JsonObject third = jobs.poll("worker-a");
    assertThat(third.getString("config_path"))
        .as("nothing to resolve: the job's own snapshot")
        .isEqualTo("jobs/" + plain.getString("job_id") + "/config.yaml");
    assertThat(third.getString("source_config_path"))
        .isEqualTo("configs/" + plain.getString("job_id") + ".yaml");
    assertThat(third.getString("container_name"))
        .startsWith("opeva_job_UnnamedExperiment-UnnamedRun_");
  }

  @Test
  @DisplayName(
      "scheduler options are normalised and sent only to the scheduler host; extra args extend the command")
  void optionsAndExtraArgs() {
    JsonObject r =
        jobs.accepted(
            new JsonObject()
                .put("config_path", "sub/ds.yaml")
                .put("target_host", "deucalion")
                .put("extra_args", new JsonArray().add("--seed").add("7"))
                .put(
                    "deucalion_options",
                    new JsonObject()
                        .put("partition", " normal ")
                        .put("cpus_per_task", "8")
                        .put("modules", new JsonArray().add(" a ").add(""))
                        .put("account", null)
                        .put("datasets", new JsonArray())));
    JsonObject payload = jobs.poll("deucalion");
    assertThat(payload.getString("job_id")).isEqualTo(r.getString("job_id"));
    assertThat(payload.getJsonObject("deucalion_options"))
        .isEqualTo(
            new JsonObject()
                .put("partition", "normal")
                .put("cpus_per_task", 8)
                .put("modules", new JsonArray().add("a")));
    assertThat(payload.getString("command"))
        .endsWith("--job_id " + r.getString("job_id") + " --seed 7");
    var bad =
        jobs.trySubmit(
            new JsonObject()
                .put("config_path", "sub/ds.yaml")
                .put("target_host", "deucalion")
                .put("deucalion_options", new JsonObject().put("gpus", -1)));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("detail"))
        .isEqualTo("deucalion_options.gpus must be >= 0");
  }

  @Test
  @DisplayName("the contract is served at /openapi.yaml and health answers ok")
  void contractAndHealth() {
    var contract = tc.get("/openapi.yaml");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.bodyAsString())
        .startsWith("openapi: 3.1.0")
        .contains("/api/agent/next-job");
    assertThat(tc.get("/health").bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("status", "ok"));
  }
}
