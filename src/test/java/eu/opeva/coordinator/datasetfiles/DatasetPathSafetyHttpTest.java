package eu.opeva.coordinator.datasetfiles;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MongoHttpTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Nothing outside datasets/ can be read, written or deleted through a dataset name")
class DatasetPathSafetyHttpTest extends MongoHttpTest {
  static final List<String> HOSTILE =
      List.of(
          "..",
          "%2e%2e",
          "%2E%2E",
          ".",
          "%2e",
          "..%2f..",
          "%2e%2e%2fjobs",
          "..%2fconfigs",
          "..%5c..",
          "%2fetc",
          ".hidden",
          "a%00b",
          "x%2f..%2f..",
          "datasets%2f..%2f..");
  List<String> before;

  @BeforeEach
  void sentinels() throws IOException {
    Files.createDirectories(root.resolve("datasets/kept"));
    Files.writeString(root.resolve("datasets/kept/schema.json"), "{\"description\": \"keep me\"}");
    Files.writeString(root.resolve("job_track.json"), "{}");
    Files.createDirectories(root.resolve("jobs/j1"));
    Files.writeString(root.resolve("jobs/j1/status.json"), "{\"status\": \"queued\"}");
    before = tree();
  }

  List<String> tree() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  HttpResponse<Buffer> raw(HttpMethod method, String path) {
    return tc.call(method, path, null);
  }

  @Test
  @DisplayName("DELETE /dataset/.. and its encoded variants are refused and delete nothing")
  void deletes() throws IOException {
    for (String name : HOSTILE) {
      int status = raw(HttpMethod.DELETE, "/dataset/" + name).statusCode();
      assertThat(status).as(name).isBetween(400, 499);
    }
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName("GET /dataset/download/.. and its encoded variants are refused and read nothing")
  void downloads() throws IOException {
    for (String name : HOSTILE) {
      var r = raw(HttpMethod.GET, "/dataset/download/" + name);
      assertThat(r.statusCode()).as(name).isBetween(400, 499);
      assertThat(r.getHeader("content-type")).as(name).doesNotContain("zip");
    }
    assertThat(tc.get("/dataset/download/kept").statusCode()).isEqualTo(200);
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName("POST /dataset with a name leaving datasets/ is a 400 that writes nothing")
  void creates() throws IOException {
    for (String name :
        List.of(
            "../x",
            "..",
            ".",
            "../../jobs",
            "a/b",
            "/tmp/x",
            "..\\x",
            ".x",
            "x\u0000",
            "",
            "a".repeat(129))) {
      var r =
          tc.post(
              "/dataset",
              new JsonObject()
                  .put("name", name)
                  .put("site_id", "lab")
                  .put("citylearn_configs", new JsonObject()));
      assertThat(r.statusCode()).as(name).isEqualTo(400);
    }
    for (String name : HOSTILE) {
      assertThat(raw(HttpMethod.GET, "/dataset/" + name + "/status").statusCode())
          .as(name)
          .isBetween(400, 499);
    }
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName("uploads named to leave datasets/ are refused and write nothing")
  void uploads() throws IOException {
    byte[] zip = ZipFixtures.zip(java.util.Map.of("schema.json", "{}"));
    for (String name : List.of("../x", "..", "../../jobs/j1", ".x")) {
      MultipartForm form =
          MultipartForm.create()
              .attribute("name", name)
              .binaryFileUpload("file", "data.zip", Buffer.buffer(zip), "application/zip");
      var r =
          eu.opeva.coordinator.testing.TestCoordinator.await(
              tc.client.post(tc.port(), "127.0.0.1", "/dataset/upload").sendMultipartForm(form));
      assertThat(r.statusCode()).as(name).isEqualTo(400);
    }
    List<String> after = tree().stream().filter(p -> !p.startsWith("datasets/.uploads")).toList();
    assertThat(after)
        .isEqualTo(before.stream().filter(p -> !p.startsWith("datasets/.uploads")).toList());
  }
}
