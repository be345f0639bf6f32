package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("config_path takes the forms the replaced service took, and stays inside configs/")
class ConfigPathFormsHttpTest extends CoordinatorHttpTest {
  @Override
  protected Map<String, String> seed() {
    return Map.of(
        "configs/demo.yaml",
        DEMO_YAML,
        "configs/sub/deep.yaml",
        DEMO_YAML,
        "etc/passwd",
        "experiment:\n  name: NotAConfig\n",
        "secret.yaml",
        "experiment:\n  name: Secret\n");
  }

  @Test
  @DisplayName("a leading slash, with or without configs/, names the file under configs/")
  void leadingSlash() {
    for (String path :
        new String[] {
          "/configs/demo.yaml",
          "/demo.yaml",
          "//configs/demo.yaml",
          "configs/demo.yaml",
          "demo.yaml"
        }) {
      String id = jobs.submit(new JsonObject().put("config_path", path));
      JsonObject info = tc.get("/job-info/" + id).bodyAsJsonObject();
      assertThat(info.getString("config_path")).as(path).isEqualTo("configs/demo.yaml");
    }
    String deep = jobs.submit(new JsonObject().put("config_path", "/configs/sub/deep.yaml"));
    assertThat(tc.get("/job-info/" + deep).bodyAsJsonObject().getString("config_path"))
        .isEqualTo("configs/sub/deep.yaml");
  }

  @Test
  @DisplayName("an absolute path elsewhere is looked for under configs/; traversal is still a 400")
  void stillConfined() {
    var before = DirectoryDigest.of(root);
    var outside = jobs.trySubmit(new JsonObject().put("config_path", "/etc/passwd"));
    assertThat(outside.statusCode()).as(outside.bodyAsString()).isEqualTo(404);
    assertThat(outside.bodyAsJsonObject().getString("detail")).contains("etc/passwd", "not found");
    for (String path :
        new String[] {"/configs/../secret.yaml", "/../secret.yaml", "/", "/configs/"}) {
      var r = jobs.trySubmit(new JsonObject().put("config_path", path));
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail"))
          .as(path)
          .isEqualTo("Invalid config_path");
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
  }
}
