package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "JOB_MOUNTS=job: a job's container sees its own folder and, read-only, datasets and configs")
class JobMountsHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> env() {
    return Map.of("JOB_MOUNTS", "job");
  }

  @Test
  @DisplayName(
      "the payload mounts three folders at their usual paths under /data, and nothing else")
  void jobOnlyMounts() {
    String id = jobs.submit();
    JsonObject payload = jobs.poll("worker-a");
    String root = tc.config.storage().sharedRoot().toString();
    assertThat(payload.getJsonArray("volumes"))
        .isEqualTo(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("host", root + "/jobs/" + id)
                        .put("container", "/data/jobs/" + id)
                        .put("mode", "rw"))
                .add(
                    new JsonObject()
                        .put("host", root + "/datasets")
                        .put("container", "/data/datasets")
                        .put("mode", "ro"))
                .add(
                    new JsonObject()
                        .put("host", root + "/configs")
                        .put("container", "/data/configs")
                        .put("mode", "ro")));
    assertThat(payload.getString("command"))
        .startsWith("--config /data/jobs/" + id + "/config.yaml");
  }
}
