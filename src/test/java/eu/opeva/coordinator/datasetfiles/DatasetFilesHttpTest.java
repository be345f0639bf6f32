package eu.opeva.coordinator.datasetfiles;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.MongoHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Dataset files: listing, streamed zip downloads, deletion and zip uploads within limits")
class DatasetFilesHttpTest extends MongoHttpTest {

  @Override
  protected Map<String, String> siteEnv() {
    return Map.of(
        "DATASET_UPLOAD_MAX_ENTRIES",
        "10",
        "DATASET_UPLOAD_MAX_UNCOMPRESSED_BYTES",
        String.valueOf(2 << 20),
        "DATASET_UPLOAD_MAX_BYTES",
        String.valueOf(4 << 20));
  }

  void dataset(String name, Map<String, String> files) throws IOException {
    for (var e : files.entrySet()) {
      Path p = root.resolve("datasets").resolve(name).resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
  }

  HttpResponse<Buffer> upload(String name, String fileName, byte[] zip) {
    MultipartForm form = MultipartForm.create();
    if (name != null) {
      form.attribute("name", name);
    }
    form.binaryFileUpload("file", fileName, Buffer.buffer(zip), "application/zip");
    return TestCoordinator.await(
        tc.client.post(tc.port(), "127.0.0.1", "/dataset/upload").sendMultipartForm(form));
  }

  static Map<String, String> unzip(Buffer body) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body.getBytes()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  List<String> datasetsFolder() throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("datasets"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(".uploads"))
          .sorted()
          .toList();
    }
  }

  @Test
  @DisplayName(
      "the listing has every dataset by name with its schema description, and no work folders")
  void listing() throws IOException {
    dataset("b_set", Map.of("schema.json", "{\"description\": \"second\"}"));
    dataset("a_set", Map.of("schema.json", "not json"));
    dataset(".building-x-123", Map.of("1.csv", "x"));
    Files.writeString(root.resolve("datasets/notes.txt"), "plain file");
    assertThat(tc.get("/datasets").bodyAsJsonArray().getList())
        .containsExactly(
            Map.of("name", "a_set", "description", ""),
            Map.of("name", "b_set", "description", "second"),
            Map.of("name", "notes.txt", "description", ""));
  }

  @Test
  @DisplayName(
      "a download is a zip of the folder, streamed; concurrent downloads are independent and leave no file")
  void downloads() throws IOException {
    Map<String, String> files = new TreeMap<>();
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      big.append(i).append(",").append(i * 7 % 13).append('\n');
    }
    files.put("1.csv", big.toString());
    files.put("schema.json", "{\"description\": \"d\"}");
    files.put("sub/charger.csv", "a,b\n1,2\n");
    dataset("zipped", files);
    List<Future<HttpResponse<Buffer>>> parallel = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parallel.add(tc.client.get(tc.port(), "127.0.0.1", "/dataset/download/zipped").send());
    }
    for (Future<HttpResponse<Buffer>> f : parallel) {
      HttpResponse<Buffer> r = TestCoordinator.await(f);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("content-type")).isEqualTo("application/zip");
      assertThat(r.getHeader("content-disposition"))
          .isEqualTo("attachment; filename=\"zipped.zip\"");
      assertThat(unzip(r.body())).isEqualTo(files);
    }
    assertThat(datasetsFolder()).containsExactly("zipped");
    assertThat(tc.get("/dataset/download/nothing").statusCode()).isEqualTo(404);
    Files.writeString(root.resolve("datasets/plain.csv"), "x,y\n");
    var plain = tc.get("/dataset/download/plain.csv");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.bodyAsString()).isEqualTo("x,y\n");
  }

  @Test
  @DisplayName("links inside a dataset are neither zipped nor followed when it is deleted")
  void links() throws IOException {
    Path outside = root.resolve("outside");
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("secret.txt"), "do not touch");
    dataset("linked", Map.of("schema.json", "{}"));
    Files.createSymbolicLink(root.resolve("datasets/linked/escape"), outside);
    assertThat(unzip(tc.get("/dataset/download/linked").body()).keySet())
        .containsExactly("schema.json");
    var deleted = tc.call(HttpMethod.DELETE, "/dataset/linked", null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.bodyAsJsonObject().getString("message"))
        .isEqualTo("Dataset 'linked' deleted");
    assertThat(outside.resolve("secret.txt")).hasContent("do not touch");
    assertThat(root.resolve("datasets/linked")).doesNotExist();
    assertThat(tc.call(HttpMethod.DELETE, "/dataset/linked", null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "an upload becomes a dataset (a single top folder is unwrapped) with its metadata; a second is 409")
  void uploads() throws IOException {
    var r =
        upload(
            null,
            "site_2024.zip",
            ZipFixtures.zip(
                Map.of("inner/schema.json", "{\"description\": \"up\"}", "inner/1.csv", "a\n1\n")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("message")).isEqualTo("Dataset uploaded");
    assertThat(r.bodyAsJsonObject().getString("name")).isEqualTo("site_2024");
    assertThat(r.bodyAsJsonObject().getLong("size_bytes")).isEqualTo(25L);
    Path dir = root.resolve("datasets/site_2024");
    assertThat(dir.resolve("1.csv")).hasContent("a\n1\n");
    JsonObject meta = new JsonObject(Files.readString(dir.resolve("upload_metadata.json")));
    assertThat(meta.getString("uploaded_from")).isEqualTo("site_2024.zip");
    assertThat(meta.getString("description")).isEqualTo("Uploaded dataset");
    assertThat(meta.getString("uploaded_at")).isEqualTo(clock.instant().toString());

    var flat =
        upload("flat", "whatever.ZIP", ZipFixtures.zip(Map.of("schema.json", "{}", "1.csv", "x")));
    assertThat(flat.statusCode()).isEqualTo(200);
    assertThat(root.resolve("datasets/flat/1.csv")).exists();
    var again = upload("flat", "whatever.zip", ZipFixtures.zip(Map.of("other.csv", "y")));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(root.resolve("datasets/flat/other.csv")).doesNotExist();
    assertThat(datasetsFolder()).containsExactly("flat", "site_2024");
  }

  @Test
  @DisplayName("unsafe, corrupt, oversized or bomb-like zips are 400 and leave nothing behind")
  void refusedUploads() throws IOException {
    assertRefused(
        upload("a", "a.zip", ZipFixtures.zip(Map.of("../evil.csv", "x"))),
        "ZIP contains unsafe file paths");
    assertRefused(
        upload("b", "b.zip", ZipFixtures.zip(Map.of("/abs.csv", "x"))),
        "ZIP contains unsafe file paths");
    assertRefused(
        upload("c", "c.zip", ZipFixtures.zip(Map.of("ok/../../x", "x"))),
        "ZIP contains unsafe file paths");
    assertRefused(
        upload("d", "d.zip", "this is not a zip".getBytes(StandardCharsets.UTF_8)),
        "Uploaded file is not a valid ZIP archive");
    assertRefused(upload("e", "e.zip", ZipFixtures.zip(Map.of())), "Uploaded ZIP is empty");
    assertRefused(
        upload("f", "f.tar", ZipFixtures.zip(Map.of("x", "y"))),
        "Only .zip dataset uploads are supported");
    assertRefused(
        upload("g", "g.zip", ZipFixtures.zeros("zeros.csv", 8 << 20)),
        "ZIP compression ratio is over 100 (a zip bomb?)");
    Map<String, String> many = new TreeMap<>();
    for (int i = 0; i < 11; i++) {
      many.put("f" + i + ".csv", "x");
    }
    assertRefused(
        upload("h", "h.zip", ZipFixtures.zip(many)), "ZIP has too many entries (at most 10)");
    StringBuilder noisy = new StringBuilder();
    java.util.Random random = new java.util.Random(1);
    while (noisy.length() < 3 << 20) {
      noisy.append(Long.toHexString(random.nextLong()));
    }
    assertRefused(
        upload("i", "i.zip", ZipFixtures.zip(Map.of("big.csv", noisy.toString()))),
        "ZIP expands to more than 2097152 bytes");
    byte[] tooBig = new byte[5 << 20];
    random.nextBytes(tooBig);
    assertThat(upload("j", "j.zip", tooBig).statusCode()).isEqualTo(413);
    assertThat(datasetsFolder()).isEmpty();
    try (Stream<Path> uploads = Files.list(root.resolve("datasets/.uploads"))) {
      assertThat(uploads).as("uploaded files are removed after each request").isEmpty();
    }
  }

  @Test
  @DisplayName(
      "after an interrupted run, work folders are removed and a dataset moved aside is put back")
  void recoveryAtStart() throws IOException {
    dataset("kept", Map.of("schema.json", "{}"));
    String id = "-0b6f1c7e-3a52-4c1e-9d0a-5a2f8e7c6b1d";
    dataset(".replaced-lost" + id, Map.of("schema.json", "{\"description\": \"lost\"}"));
    dataset(".replaced-kept" + id, Map.of("old.csv", "x"));
    dataset(".building-x" + id, Map.of("1.csv", "x"));
    dataset(".upload-y" + id, Map.of("a", "x"));
    dataset(".deleting-z" + id, Map.of("b", "x"));
    tc.restart();
    try (Stream<Path> s = Files.list(root.resolve("datasets"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kept", "lost");
    }
    assertThat(root.resolve("datasets/kept/old.csv")).doesNotExist();
    assertThat(tc.get("/datasets").bodyAsJsonArray().getList())
        .containsExactly(
            Map.of("name", "kept", "description", ""),
            Map.of("name", "lost", "description", "lost"));
  }

  void assertRefused(HttpResponse<Buffer> r, String detail) {
    assertThat(r.statusCode()).as(detail).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo(detail);
  }
}
