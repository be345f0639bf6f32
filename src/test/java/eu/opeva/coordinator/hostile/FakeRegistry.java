package eu.opeva.coordinator.hostile;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The image registry the suite's coordinator asks for {@code /job-images/versions}: one tag of the
 * default job image and of its HPC image, 404 for any other repository.
 */
final class FakeRegistry {
  private FakeRegistry() {}

  static HttpServer start(Vertx vertx) {
    return vertx
        .createHttpServer()
        .requestHandler(FakeRegistry::answer)
        .listen(0, "127.0.0.1")
        .await();
  }

  private static void answer(HttpServerRequest req) {
    boolean known =
        req.path().equals("/v2/repositories/calof/opeva_simulator/tags")
            || req.path().equals("/v2/repositories/calof/opeva_simulator_sif/tags");
    if (!known) {
      req.response().setStatusCode(404).end("{\"message\":\"object not found\"}");
      return;
    }
    JsonArray results =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("name", "latest")
                    .put("last_updated", "2026-11-30T10:00:00Z")
                    .put("digest", "sha256:1"));
    req.response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("count", 1).put("results", results).encode());
  }
}
