package eu.opeva.coordinator.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import eu.opeva.coordinator.testing.LogCapture;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile experiment configs are refused at once with a 4xx and change nothing")
class HostileConfigHttpTest extends CoordinatorHttpTest {
  static final int MAX = 64 * 1024;
  static final String LAUGHS = laughs();
  static final String TAGGED = "experiment: !!java.net.URL [\"http://evil.example\"]\n";
  static final String BIG = "experiment:\n  name: \"" + "x".repeat(MAX) + "\"\n";

  @Override
  protected Map<String, String> env() {
    return Map.of("EXPERIMENT_CONFIG_MAX_BYTES", String.valueOf(MAX));
  }

  @Override
  protected Map<String, String> seed() {
    return Map.of(
        "configs/demo.yaml", DEMO_YAML,
        "configs/laughs.yaml", LAUGHS,
        "configs/tagged.yaml", TAGGED,
        "configs/big.yaml", BIG,
        "secret.yaml", "experiment:\n  name: Secret\n",
        "outside/x.yaml", "experiment:\n  name: Outside\n");
  }

  static String laughs() {
    StringBuilder doc = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'j'; level++) {
      doc.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        doc.append(i == 0 ? "" : ", ").append('*').append((char) (level - 1));
      }
      doc.append("]\n");
    }
    return doc.toString();
  }

  HttpResponse<Buffer> create(String name, String yaml) {
    return tc.post(
        "/experiment-config/create",
        new JsonObject().put("file_name", name).put("yaml_content", yaml));
  }

  HttpResponse<Buffer> update(String name, String yaml) {
    return tc.call(
        HttpMethod.PUT, "/experiment-config/" + name, new JsonObject().put("yaml_content", yaml));
  }

  static void refused(HttpResponse<Buffer> r, int status, String detailPart) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detailPart);
  }

  @Test
  @DisplayName("a config over EXPERIMENT_CONFIG_MAX_BYTES is a 413 before it is parsed, any source")
  void oversized() {
    var before = DirectoryDigest.of(root);
    refused(create("new.yaml", BIG), 413, "EXPERIMENT_CONFIG_MAX_BYTES");
    refused(update("demo.yaml", BIG), 413, "EXPERIMENT_CONFIG_MAX_BYTES");
    refused(jobs.trySubmit(new JsonObject().put("config_path", "big.yaml")), 413, "big.yaml");
    JsonObject inline =
        new JsonObject().put("experiment", new JsonObject().put("name", "x".repeat(MAX)));
    refused(
        jobs.trySubmit(new JsonObject().put("config", inline).put("save_as", "inline.yaml")),
        413,
        "inline config");
    // Beyond the body limit of config writes (twice the config limit and a margin): the body
    // handler's 413.
    refused(create("new.yaml", "a: " + "x".repeat(4 * MAX)), 413, "Request body too large");

    // Twenty at once are all refused, and the coordinator keeps answering.
    List<Future<HttpResponse<Buffer>>> parallel = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      parallel.add(
          tc.client
              .post(tc.port(), "127.0.0.1", "/experiment-config/create")
              .sendJsonObject(
                  new JsonObject().put("file_name", "p" + i + ".yaml").put("yaml_content", BIG)));
    }
    assertThat(tc.get("/health").statusCode()).isEqualTo(200);
    for (var f : parallel) {
      assertThat(TestCoordinator.await(f).statusCode()).isEqualTo(413);
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
  }

  @Test
  @DisplayName("a billion laughs and typed tags are refused with 400, from every source")
  void laughsAndTags() {
    var before = DirectoryDigest.of(root);
    long start = System.nanoTime();
    refused(create("laughs2.yaml", LAUGHS), 400, "aliases");
    refused(update("demo.yaml", LAUGHS), 400, "aliases");
    refused(jobs.trySubmit(new JsonObject().put("config_path", "laughs.yaml")), 400, "aliases");
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    refused(create("tagged2.yaml", TAGGED), 400, "tags");
    refused(jobs.trySubmit(new JsonObject().put("config_path", "tagged.yaml")), 400, "tags");
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    // Plain syntax errors keep the replaced service's 422 on create.
    refused(create("broken.yaml", "a: [1, 2\n"), 422, "Invalid YAML");
  }

  @Test
  @DisplayName("a link in configs/ that leads outside it is refused with 400 wherever it is read")
  void linksOutOfConfigs() throws Exception {
    Path configs = root.resolve("configs");
    Files.createSymbolicLink(configs.resolve("evil.yaml"), root.resolve("secret.yaml"));
    Files.createSymbolicLink(configs.resolve("sub"), root.resolve("outside"));
    Files.createSymbolicLink(configs.resolve("inside.yaml"), Path.of("demo.yaml"));
    var before = DirectoryDigest.of(root);

    for (String path : new String[] {"evil.yaml", "configs/evil.yaml", "sub/x.yaml"}) {
      var r = jobs.trySubmit(new JsonObject().put("config_path", path));
      refused(r, 400, "leads outside configs/");
      assertThat(r.bodyAsString()).doesNotContain(root.toString());
    }
    refused(tc.get("/experiment-config/evil.yaml"), 400, "leads outside configs/");
    refused(update("evil.yaml", "experiment:\n  name: Changed\n"), 400, "leads outside");
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    assertThat(root.resolve("secret.yaml")).hasContent("experiment:\n  name: Secret\n");

    // A link that stays inside configs/ is an ordinary config.
    String id = jobs.submit(new JsonObject().put("config_path", "inside.yaml"));
    assertThat(root.resolve("jobs/" + id + "/config.yaml")).hasContent(DEMO_YAML);
  }

  @Test
  @DisplayName("a re-run whose snapshot a job turned into a link out of its folder is a 400")
  void snapshotLinkOnRerun() throws Exception {
    String id = jobs.running("worker-a");
    jobs.report(id, "finished", "worker-a");
    Path snapshot = root.resolve("jobs/" + id + "/config.yaml");
    Files.delete(snapshot);
    Files.createSymbolicLink(snapshot, root.resolve("secret.yaml"));
    var before = DirectoryDigest.of(root);
    refused(tc.post("/jobs/" + id + "/rerun", null), 400, "leads outside its job folder");
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);

    // The bundle's config part leaves the link out too.
    var bundle = tc.get("/jobs/" + id + "/bundle?parts=config");
    assertThat(bundle.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    try (var zip = new ZipInputStream(new ByteArrayInputStream(bundle.body().getBytes()))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
        assertThat(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("Secret");
      }
    }
    assertThat(names).doesNotContain(id + "/config.yaml");
  }

  @Test
  @DisplayName("save_as follows the rule of /experiment-config/create")
  void saveAsNames() {
    var before = DirectoryDigest.of(root);
    JsonObject inline = new JsonObject().put("experiment", new JsonObject().put("name", "X"));
    for (String name : new String[] {"x", "a b", "base.yaml.", "x.txt", "yaml", "a b.json"}) {
      refused(
          jobs.trySubmit(new JsonObject().put("config", inline).put("save_as", name)),
          400,
          "Invalid file name");
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
    jobs.submit(new JsonObject().put("config", inline).put("save_as", "ok.yml"));
    assertThat(root.resolve("configs/ok.yml")).exists();
  }

  @Test
  @DisplayName(
      "a submission whose save_as exists is a 409 and leaves no job folder behind, and no ERROR")
  void saveAsThatExists() throws Exception {
    JsonObject inline = new JsonObject().put("experiment", new JsonObject().put("name", "X"));
    JsonObject submission = new JsonObject().put("config", inline).put("save_as", "demo.yaml");
    var before = DirectoryDigest.of(root);
    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 20; i++) {
        refused(jobs.trySubmit(submission), 409, "already exists");
      }
      // A write still under way when the refusal was answered would show up here.
      Thread.sleep(200);
      assertThat(log.text()).doesNotContain("ERROR", "Exception");
    }
    assertThat(DirectoryDigest.of(root)).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "a pipeline refused because a job's save_as exists keeps that config, leaves none of its"
          + " jobs behind, and logs no ERROR")
  void pipelineSaveAsThatExists() throws Exception {
    JsonObject inline = new JsonObject().put("experiment", new JsonObject().put("name", "X"));
    JsonObject pipeline =
        new JsonObject()
            .put(
                "jobs",
                new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("key", "a").put("config_path", "demo.yaml"))
                    .add(
                        new JsonObject()
                            .put("key", "b")
                            .put("config", inline)
                            .put("save_as", "demo.yaml")));
    var before = DirectoryDigest.of(root);
    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 20; i++) {
        refused(tc.post("/pipelines", pipeline), 409, "already exists");
      }
      Thread.sleep(200);
      assertThat(log.text()).doesNotContain("ERROR", "Exception");
    }
    assertThat(root.resolve("configs/demo.yaml")).hasContent(DEMO_YAML);
    var after = DirectoryDigest.of(root);
    // The folder of pipeline files is made by the first pipeline write; it stays, empty.
    assertThat(after.keySet()).noneMatch(k -> k.startsWith("pipelines/"));
    after.remove("pipelines");
    assertThat(after).isEqualTo(before);
  }

  @Test
  @DisplayName("overwrite: null on create is no overwrite, not a 500")
  void overwriteNull() {
    JsonObject body =
        new JsonObject()
            .put("file_name", "n.yaml")
            .put("yaml_content", "a: 1\n")
            .putNull("overwrite");
    assertThat(tc.post("/experiment-config/create", body).statusCode()).isEqualTo(200);
    refused(tc.post("/experiment-config/create", body), 409, "already exists");
  }
}
