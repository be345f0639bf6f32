package eu.opeva.coordinator.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Experiment configs are created, listed, read, updated and deleted safely")
class ExperimentConfigHttpTest extends CoordinatorHttpTest {
  Path configs;

  /** No config at all (the tests list {@code configs/}), and a secret just outside it. */
  @Override
  protected Map<String, String> seed() {
    return Map.of("secret.yaml", "password: hunter2\n");
  }

  @BeforeEach
  void configsFolder() {
    configs = root.resolve("configs");
  }

  @Test
  @DisplayName("create saves the exact text, leaves no temp files, and a second create is a 409")
  void createThenConflict() throws Exception {
    var created = create("exp.yaml", "a: 1\n# comment kept\n", null);
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("message", "Config saved").put("file", "exp.yaml"));
    assertThat(configs.resolve("exp.yaml")).hasContent("a: 1\n# comment kept\n");
    try (Stream<Path> files = Files.list(configs)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("exp.yaml");
    }

    var again = create("exp.yaml", "a: 2\n", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("detail"))
        .contains("exp.yaml already exists")
        .contains("overwrite");
    assertThat(configs.resolve("exp.yaml")).hasContent("a: 1\n# comment kept\n");
  }

  @Test
  @DisplayName("overwrite=true in the body or the query replaces an existing config")
  void overwrite() throws Exception {
    create("exp.yaml", "a: 1\n", null);
    assertThat(create("exp.yaml", "a: 2\n", true).statusCode()).isEqualTo(200);
    assertThat(configs.resolve("exp.yaml")).hasContent("a: 2\n");
    var viaQuery =
        tc.post(
            "/experiment-config/create?overwrite=true",
            new JsonObject().put("file_name", "exp.yaml").put("yaml_content", "a: 3\n"));
    assertThat(viaQuery.statusCode()).isEqualTo(200);
    assertThat(configs.resolve("exp.yaml")).hasContent("a: 3\n");
  }

  @Test
  @DisplayName("ten simultaneous creates of one name: exactly one wins, the others get 409")
  void concurrentCreates() {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(
          tc.client
              .post(tc.port(), "127.0.0.1", "/experiment-config/create")
              .sendJsonObject(
                  new JsonObject()
                      .put("file_name", "race.yaml")
                      .put("yaml_content", "n: " + i + "\n")));
    }
    TestCoordinator.await(Future.join(calls));
    assertThat(calls.stream().map(c -> c.result().statusCode()).toList())
        .containsOnly(200, 409)
        .filteredOn(s -> s == 200)
        .hasSize(1);
  }

  @Test
  @DisplayName("bad YAML is a 422 naming the line, and nothing is written")
  void badYaml() {
    var response = create("bad.yaml", "a: [1, 2\nb: 3\n", null);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .startsWith("Invalid YAML")
        .contains("line");
    assertThat(configs.resolve("bad.yaml")).doesNotExist();
  }

  @Test
  @DisplayName("a YAML document that is not a mapping is refused")
  void notAMapping() {
    var response = create("list.yaml", "- a\n- b\n", null);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("mapping");
    assertThat(configs.resolve("list.yaml")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../secret.yaml",
        "..",
        "a/b.yaml",
        "/etc/passwd.yaml",
        "exp.txt",
        "exp",
        ".hidden.yaml",
        "..\\secret.yaml",
        "exp.yaml\u0000.txt"
      })
  @DisplayName("create refuses names that are not a plain .yaml/.yml file name")
  void createRefusesBadNames(String name) throws Exception {
    var response = create(name, "a: 1\n", null);
    assertThat(response.statusCode()).isEqualTo(400);
    // A control character is refused by the contract's single-line pattern first.
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .contains(
            name.contains("\u0000")
                ? "file_name must be a single line without control characters"
                : "Invalid config file name");
    assertThat(root.resolve("secret.yaml")).hasContent("password: hunter2\n");
    try (Stream<Path> files = Files.list(configs)) {
      assertThat(files).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%2E%2E%2Fsecret.yaml",
        "..%2Fsecret.yaml",
        "%2e%2e",
        "..%5Csecret.yaml",
        "%2Fetc%2Fpasswd",
        "..%252Fsecret.yaml",
        "sub%2Fx.yaml"
      })
  @DisplayName(
      "get, update and delete refuse traversal in the file name, encoded or not, with a 4xx")
  void pathTraversal(String encoded) throws Exception {
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)) {
      var response =
          tc.call(
              method,
              "/experiment-config/" + encoded,
              method == HttpMethod.PUT ? new JsonObject().put("yaml_content", "x: 1\n") : null);
      assertThat(response.statusCode()).as(method + " " + encoded).isBetween(400, 404);
      assertThat(response.bodyAsString()).doesNotContain("hunter2");
    }
    assertThat(root.resolve("secret.yaml")).hasContent("password: hunter2\n");
  }

  @Test
  @DisplayName("a config that is a link to a file outside configs/ is not served (400)")
  void symlinkOutside() throws Exception {
    Files.createSymbolicLink(configs.resolve("link.yaml"), root.resolve("secret.yaml"));
    var response = tc.get("/experiment-config/link.yaml");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).doesNotContain("hunter2");
  }

  @Test
  @DisplayName("list shows only .yaml/.yml files, sorted; get returns the raw text as text/yaml")
  void listAndGet() throws Exception {
    Files.writeString(configs.resolve("b.yml"), "b: 1\n");
    Files.writeString(configs.resolve("a.yaml"), "a: 1\n");
    Files.writeString(configs.resolve("notes.txt"), "x");
    Files.createDirectories(configs.resolve("sub.yaml"));
    assertThat(tc.get("/experiment-configs").bodyAsJsonArray().getList())
        .containsExactly("a.yaml", "b.yml");

    var got = tc.get("/experiment-config/b.yml");
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.getHeader("content-type")).startsWith("text/yaml");
    assertThat(got.bodyAsString()).isEqualTo("b: 1\n");
    var missing = tc.get("/experiment-config/nope.yaml");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Config nope.yaml not found");
  }

  @Test
  @DisplayName(
      "update replaces an existing config, refuses a missing one and leaves it unchanged on bad YAML")
  void update() throws Exception {
    Files.writeString(configs.resolve("exp.yaml"), "a: 1\n");
    var updated =
        tc.call(
            HttpMethod.PUT,
            "/experiment-config/exp.yaml",
            new JsonObject().put("yaml_content", "a: 2\n"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("message")).isEqualTo("Config updated");
    assertThat(configs.resolve("exp.yaml")).hasContent("a: 2\n");

    var bad =
        tc.call(
            HttpMethod.PUT,
            "/experiment-config/exp.yaml",
            new JsonObject().put("yaml_content", "a: [\n"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(configs.resolve("exp.yaml")).hasContent("a: 2\n");

    var missing =
        tc.call(
            HttpMethod.PUT,
            "/experiment-config/nope.yaml",
            new JsonObject().put("yaml_content", "a: 1\n"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(configs.resolve("nope.yaml")).doesNotExist();
  }

  @Test
  @DisplayName("delete removes the file; a second delete is a 404")
  void delete() throws Exception {
    Files.writeString(configs.resolve("exp.yaml"), "a: 1\n");
    var deleted = tc.call(HttpMethod.DELETE, "/experiment-config/exp.yaml", null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.bodyAsJsonObject().getString("message"))
        .isEqualTo("Config exp.yaml deleted successfully");
    assertThat(configs.resolve("exp.yaml")).doesNotExist();
    var again = tc.call(HttpMethod.DELETE, "/experiment-config/exp.yaml", null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.bodyAsJsonObject().getString("detail")).isEqualTo("Config file not found");
  }

  @Test
  @DisplayName("a missing body field is a 400 from the contract")
  void missingField() {
    var response =
        tc.post("/experiment-config/create", new JsonObject().put("file_name", "x.yaml"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("yaml_content");
  }

  private HttpResponse<Buffer> create(String name, String yaml, Boolean overwrite) {
    JsonObject body = new JsonObject().put("file_name", name).put("yaml_content", yaml);
    if (overwrite != null) {
      body.put("overwrite", overwrite);
    }
    return tc.post("/experiment-config/create", body);
  }
}
