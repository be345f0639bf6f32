package eu.opeva.coordinator.datasetfiles;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.DirectoryDigest;
import eu.opeva.coordinator.testing.Eventually;
import eu.opeva.coordinator.testing.LogCapture;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile dataset zips get a 4xx, keep nothing, and uploads stay within their quota")
class HostileUploadsHttpTest extends CoordinatorHttpTest {
  static final int QUOTA = 300_000;
  static final int MAX_UPLOAD = 1024 * 1024;

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "DATASET_UPLOAD_QUOTA_BYTES",
        String.valueOf(QUOTA),
        "DATASET_UPLOAD_MAX_BYTES",
        String.valueOf(MAX_UPLOAD));
  }

  /**
   * The tree, once the body handler has deleted the streamed upload (it does so when the answer has
   * been sent), without the folder it streams uploads into.
   */
  Map<String, String> tree() {
    var tree =
        Eventually.eventually(
            Duration.ofSeconds(10),
            () -> {
              var t = DirectoryDigest.of(root);
              return t.keySet().stream().anyMatch(k -> k.startsWith("datasets/.uploads/"))
                  ? null
                  : t;
            });
    tree.remove("datasets/.uploads");
    return tree;
  }

  HttpResponse<Buffer> upload(String name, byte[] zip) {
    MultipartForm form =
        MultipartForm.create()
            .attribute("name", name)
            .binaryFileUpload("file", name + ".zip", Buffer.buffer(zip), "application/zip");
    return TestCoordinator.await(
        tc.client.post(tc.port(), "127.0.0.1", "/dataset/upload").sendMultipartForm(form));
  }

  static void refused(HttpResponse<Buffer> r, int status, String detailPart) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detailPart);
  }

  /** Text that deflate cannot shrink much. */
  static String noise(int bytes, long seed) {
    byte[] raw = new byte[bytes * 3 / 4];
    new Random(seed).nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  @Test
  @DisplayName("a path that is both a file and a folder, or a name over 255 bytes, is a 400")
  void unsafeEntries() {
    var before = tree();
    try (LogCapture log = LogCapture.start()) {
      refused(
          upload("both", ZipFixtures.zip(Map.of("a", "file", "a/b.csv", "x"))),
          400,
          "both a file and a folder");
      refused(
          upload("both2", ZipFixtures.zip(Map.of("d/a", "file", "d/a/b/c.csv", "x"))),
          400,
          "both a file and a folder");
      refused(
          upload("long", ZipFixtures.zip(Map.of("x".repeat(256) + ".csv", "x"))),
          400,
          "longer than 255 bytes");
      refused(
          upload("wide", ZipFixtures.zip(Map.of("é".repeat(128) + "/a.csv", "x"))),
          400,
          "longer than 255 bytes");
      refused(
          upload("deep", ZipFixtures.zip(Map.of(("d".repeat(200) + "/").repeat(6) + "a", "x"))),
          400,
          "longer than 1024 bytes");
      refused(upload("ctl", ZipFixtures.zip(Map.of("a\nb.csv", "x"))), 400, "unsafe file paths");
      assertThat(log.text()).doesNotContain("ERROR");
    }
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "an upload over DATASET_UPLOAD_MAX_BYTES is a 413, chunked or not, keeps nothing and logs"
          + " no ERROR")
  void oversized() {
    var before = tree();
    String boundary = "over-the-limit";
    Buffer form =
        Buffer.buffer(
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.zip\"\r\n"
                    + "Content-Type: application/zip\r\n\r\n")
            .appendBytes(new byte[MAX_UPLOAD + 1])
            .appendString("\r\n--" + boundary + "--\r\n");
    try (LogCapture log = LogCapture.start()) {
      for (boolean chunked : new boolean[] {false, true}) {
        var answer =
            TestCoordinator.await(
                tc.http()
                    .request(
                        io.vertx.core.http.HttpMethod.POST,
                        tc.port(),
                        "127.0.0.1",
                        "/dataset/upload")
                    .compose(
                        req ->
                            req.setChunked(chunked)
                                .putHeader(
                                    "Content-Type", "multipart/form-data; boundary=" + boundary)
                                .send(form)
                                .compose(res -> res.body().map(b -> res.statusCode() + " " + b))));
        assertThat(answer).as("chunked: " + chunked).startsWith("413 ").contains("request_id");
      }
      assertThat(tree()).isEqualTo(before);
      assertThat(log.text()).doesNotContain("ERROR");
    }
  }

  @Test
  @DisplayName("uploads may not grow the datasets folder beyond the quota: 413, nothing kept")
  void quota() {
    var first = upload("first", ZipFixtures.zip(Map.of("a.csv", noise(200_000, 1))));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    var before = tree();
    refused(
        upload("second", ZipFixtures.zip(Map.of("b.csv", noise(200_000, 2)))),
        413,
        "DATASET_UPLOAD_QUOTA_BYTES");
    assertThat(tree()).isEqualTo(before);
    assertThat(root.resolve("datasets/second")).doesNotExist();

    // What is left fits.
    var small = upload("small", ZipFixtures.zip(Map.of("c.csv", noise(50_000, 3))));
    assertThat(small.statusCode()).as(small.bodyAsString()).isEqualTo(200);
  }
}
