package eu.opeva.coordinator.images;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Against a fake registry on port 0 that answers as Docker Hub does: pages of {@code results} with
 * a {@code next} link, 404 for an unknown repository, 500 for a broken one.
 */
@DisplayName("/job-images/versions lists a repository's tags from the registry, marked for the HPC")
class JobImageVersionsHttpTest extends CoordinatorHttpTest {
  static Vertx registryVertx;
  static HttpServer registry;
  static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  /** When set, the HPC repository's listing fails (500). */
  static volatile boolean sifBroken;

  /** The job image repository: 5 tags, newest first. */
  static final List<String> IMAGE_TAGS = List.of("v5", "v4", "v3", "latest", "v1");

  /** The HPC repository has two of them. */
  static final List<String> SIF_TAGS = List.of("v4", "latest");

  @BeforeAll
  static void startRegistry() {
    registryVertx = Vertx.vertx();
    registry =
        registryVertx
            .createHttpServer()
            .requestHandler(JobImageVersionsHttpTest::answer)
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterAll
  static void stopRegistry() {
    registryVertx.close().await();
  }

  @BeforeEach
  void resetRegistry() {
    hits.clear();
    sifBroken = false;
  }

  @Override
  protected Map<String, String> env() {
    return Map.of(
        "JOB_IMAGE_REGISTRY_URL", "http://127.0.0.1:" + registry.actualPort(),
        "JOB_IMAGE_REPOSITORY", "calof/opeva_simulator",
        "JOB_SIF_REPOSITORY", "calof/opeva_simulator_sif",
        "JOB_IMAGE_CATALOG_TTL_SECONDS", "120",
        "JOB_IMAGE_CATALOG_TIMEOUT_SECONDS", "2");
  }

  private static void answer(HttpServerRequest req) {
    String path = req.path();
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    List<String> tags =
        switch (path) {
          case "/v2/repositories/calof/opeva_simulator/tags" -> IMAGE_TAGS;
          case "/v2/repositories/calof/opeva_simulator_sif/tags" -> SIF_TAGS;
          case "/v2/repositories/library/ubuntu/tags" -> List.of("24.04");
          default -> null;
        };
    if (path.equals("/v2/repositories/slow/repo/tags")) {
      // Never answers: the coordinator's timeout must end the wait.
      return;
    }
    if (path.equals("/v2/repositories/notjson/repo/tags")) {
      req.response().putHeader("content-type", "text/html").end("<html>maintenance</html>");
      return;
    }
    if (path.equals("/v2/repositories/broken/repo/tags")
        || (sifBroken && path.equals("/v2/repositories/calof/opeva_simulator_sif/tags"))) {
      req.response().setStatusCode(500).end("oops");
      return;
    }
    if (path.equals("/v2/repositories/elsewhere/repo/tags")) {
      JsonObject body =
          new JsonObject()
              .put("next", "http://169.254.169.254/latest/meta-data")
              .put("results", new JsonArray().add(tag("a")));
      req.response().putHeader("content-type", "application/json").end(body.encode());
      return;
    }
    if (tags == null) {
      req.response().setStatusCode(404).end("{\"message\":\"object not found\"}");
      return;
    }
    int size = Integer.parseInt(req.getParam("page_size", "10"));
    // Pages of at most 2, whatever was asked, so that `next` must be followed.
    int pageSize = Math.min(size, 2);
    int page = Integer.parseInt(req.getParam("page", "1"));
    int from = (page - 1) * pageSize;
    JsonArray results = new JsonArray();
    for (int i = from; i < Math.min(tags.size(), from + pageSize); i++) {
      results.add(tag(tags.get(i)));
    }
    String next =
        from + pageSize < tags.size()
            ? "http://127.0.0.1:"
                + registry.actualPort()
                + path
                + "?page="
                + (page + 1)
                + "&page_size="
                + size
            : null;
    JsonObject body =
        new JsonObject().put("count", tags.size()).put("next", next).put("results", results);
    req.response().putHeader("content-type", "application/json").end(body.encode());
  }

  private static JsonObject tag(String name) {
    return new JsonObject()
        .put("name", name)
        .put("last_updated", "2025-11-0" + (name.length() % 9 + 1) + "T10:00:00.000000Z")
        .put("digest", "sha256:top-" + name)
        .put(
            "images",
            new JsonArray()
                .add(
                    new JsonObject().put("architecture", "amd64").put("digest", "sha256:" + name)));
  }

  private JsonObject versions(String query) {
    var r = tc.get("/job-images/versions" + query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static int hitsOf(String repository) {
    AtomicInteger n = hits.get("/v2/repositories/" + repository + "/tags");
    return n == null ? 0 : n.get();
  }

  @Test
  @DisplayName("the tags across pages, with last_updated, the image digest and deucalion_ready")
  void pagesAndDeucalionReady() {
    JsonObject body = versions("");
    assertThat(body.getString("repository")).isEqualTo("calof/opeva_simulator");
    assertThat(body.getString("sif_repository")).isEqualTo("calof/opeva_simulator_sif");
    assertThat(body.getInteger("count")).isEqualTo(5);
    JsonArray tags = body.getJsonArray("tags");
    assertThat(tags.stream().map(t -> ((JsonObject) t).getString("name")).toList())
        .isEqualTo(IMAGE_TAGS);
    assertThat(tags.getJsonObject(1))
        .isEqualTo(
            new JsonObject()
                .put("name", "v4")
                .put("last_updated", "2025-11-03T10:00:00.000000Z")
                .put("digest", "sha256:v4")
                .put("deucalion_ready", true));
    assertThat(tags.stream().filter(t -> ((JsonObject) t).getBoolean("deucalion_ready")).count())
        .isEqualTo(2);
    assertThat(body.getBoolean("cached")).isFalse();
    assertThat(body.getValue("fetched_at")).isInstanceOf(Number.class);
    // 5 tags in pages of 2: three requests, following next.
    assertThat(hitsOf("calof/opeva_simulator")).isEqualTo(3);
  }

  @Test
  @DisplayName("limit caps the tags and the pages asked; a single name is library/<name>")
  void limitAndLibrary() {
    JsonObject body = versions("?limit=3");
    assertThat(body.getInteger("count")).isEqualTo(3);
    assertThat(hitsOf("calof/opeva_simulator")).isEqualTo(2);
    JsonObject ubuntu = versions("?repository=%20/ubuntu/%20");
    assertThat(ubuntu.getString("repository")).isEqualTo("library/ubuntu");
    assertThat(ubuntu.getJsonArray("tags").getJsonObject(0).getBoolean("deucalion_ready"))
        .isFalse();
  }

  @Test
  @DisplayName("a second call within the TTL does not ask the registry; after the TTL it does")
  void cache() {
    versions("?limit=5");
    int first = hitsOf("calof/opeva_simulator");
    int sifFirst = hitsOf("calof/opeva_simulator_sif");
    clock.advance(Duration.ofSeconds(119));
    JsonObject again = versions("?limit=5");
    assertThat(again.getBoolean("cached")).isTrue();
    assertThat(hitsOf("calof/opeva_simulator")).isEqualTo(first);
    assertThat(hitsOf("calof/opeva_simulator_sif")).isEqualTo(sifFirst);
    // Another limit is another list.
    versions("?limit=4");
    assertThat(hitsOf("calof/opeva_simulator")).isGreaterThan(first);
    int afterOther = hitsOf("calof/opeva_simulator");
    clock.advance(Duration.ofSeconds(2));
    JsonObject expired = versions("?limit=5");
    assertThat(expired.getBoolean("cached")).isFalse();
    assertThat(hitsOf("calof/opeva_simulator")).isEqualTo(afterOther + 3);
  }

  @Test
  @DisplayName("an unknown repository is 404; a malformed one 400")
  void unknownAndMalformed() {
    var missing = tc.get("/job-images/versions?repository=calof/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Image repository not found: calof/nothing");
    var deep = tc.get("/job-images/versions?repository=a/b/c");
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(deep.bodyAsJsonObject().getString("detail"))
        .isEqualTo("Repository must be '<namespace>/<name>'");
    assertThat(tc.get("/job-images/versions?repository=Calof/X").statusCode()).isEqualTo(400);
    var tooMany = tc.get("/job-images/versions?limit=201");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.bodyAsJsonObject().getString("detail"))
        .isEqualTo("limit must be at most 200");
  }

  @Test
  @DisplayName("a failing registry is a 502 that says what failed, and is not cached")
  void registryFails() {
    var broken = tc.get("/job-images/versions?repository=broken/repo");
    assertThat(broken.statusCode()).isEqualTo(502);
    assertThat(broken.bodyAsJsonObject().getString("detail"))
        .isEqualTo(
            "The image registry http://127.0.0.1:"
                + registry.actualPort()
                + " answered 500 for the tags of broken/repo");
    tc.get("/job-images/versions?repository=broken/repo");
    assertThat(hitsOf("broken/repo")).isEqualTo(2);
    var elsewhere = tc.get("/job-images/versions?repository=elsewhere/repo&limit=5");
    assertThat(elsewhere.statusCode()).isEqualTo(502);
    assertThat(elsewhere.bodyAsJsonObject().getString("detail")).contains("on another host");
  }

  @Test
  @DisplayName("limit outside 1..200 or not a number is a 400 that asks the registry nothing")
  void badLimits() {
    for (String bad : List.of("0", "-3", "abc", "1.5", "201")) {
      var r = tc.get("/job-images/versions?limit=" + bad);
      assertThat(r.statusCode()).as("limit=" + bad).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).as("limit=" + bad).contains("limit");
    }
    var tooLong = tc.get("/job-images/versions?repository=calof/" + "x".repeat(300));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(hits).isEmpty();
  }

  @Test
  @DisplayName("when the HPC repository cannot be read the tags still come, none ready, and why")
  void sifFails() {
    sifBroken = true;
    JsonObject body = versions("");
    assertThat(body.getInteger("count")).isEqualTo(5);
    assertThat(body.getJsonArray("tags").stream())
        .allMatch(t -> !((JsonObject) t).getBoolean("deucalion_ready"));
    assertThat(body.getString("sif_error"))
        .isEqualTo(
            "The image registry http://127.0.0.1:"
                + registry.actualPort()
                + " answered 500 for the tags of calof/opeva_simulator_sif");
    assertThat(body.getBoolean("cached")).isFalse();
    // The failure is not kept: once the HPC repository answers, the tags are marked.
    sifBroken = false;
    JsonObject healed = versions("");
    assertThat(healed.containsKey("sif_error")).isFalse();
    assertThat(healed.getJsonArray("tags").getJsonObject(1).getBoolean("deucalion_ready")).isTrue();
    assertThat(healed.getBoolean("cached")).isFalse();
  }

  @Test
  @DisplayName("a registry that does not answer in time, or answers no JSON, is a 502 saying so")
  void silentOrGarbledRegistry() {
    var slow = tc.get("/job-images/versions?repository=slow/repo");
    assertThat(slow.statusCode()).isEqualTo(502);
    assertThat(slow.bodyAsJsonObject().getString("detail"))
        .isEqualTo(
            "The image registry http://127.0.0.1:"
                + registry.actualPort()
                + " could not be asked for the tags of slow/repo: no answer within 2 s");
    var garbled = tc.get("/job-images/versions?repository=notjson/repo");
    assertThat(garbled.statusCode()).isEqualTo(502);
    assertThat(garbled.bodyAsJsonObject().getString("detail"))
        .endsWith("did not answer JSON for the tags of notjson/repo");
  }

  @Test
  @DisplayName("requests arriving together, or within the TTL, ask the registry once")
  void concurrentRequestsShareOneFetch() {
    var answers =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(
                i -> tc.client.get(tc.port(), "127.0.0.1", "/job-images/versions?limit=5").send())
            .toList();
    for (var answer : answers) {
      var r = TestCoordinator.await(answer);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getInteger("count")).isEqualTo(5);
    }
    assertThat(hitsOf("calof/opeva_simulator")).isEqualTo(3);
    assertThat(hitsOf("calof/opeva_simulator_sif")).isEqualTo(1);
  }
}
