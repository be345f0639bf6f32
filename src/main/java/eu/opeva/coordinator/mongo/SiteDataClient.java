package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.BusReplies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Typed facade over the Mongo verticle's addresses. Failures arrive as {@code ApiFailure}. */
public final class SiteDataClient {
  private static final DeliveryOptions DEFAULT = new DeliveryOptions().setSendTimeout(120_000);
  private final Vertx vertx;

  public SiteDataClient(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<List<String>> sites() {
    return request(MongoAddresses.SITES, new JsonObject())
        .map(r -> r.getJsonArray("sites").stream().map(String::valueOf).toList());
  }

  public Future<List<String>> collections(String site) {
    return request(MongoAddresses.COLLECTIONS, new JsonObject().put("site", site))
        .map(r -> r.getJsonArray("collections").stream().map(String::valueOf).toList());
  }

  public Future<JsonObject> realTime(String site, Integer minutes, int limit) {
    return request(
        MongoAddresses.REAL_TIME,
        new JsonObject().put("site", site).put("minutes", minutes).put("limit", limit));
  }

  public Future<JsonObject> historical(JsonObject params) {
    return request(MongoAddresses.HISTORICAL, params);
  }

  public Future<JsonObject> schema(String site) {
    return request(MongoAddresses.SCHEMA_GET, new JsonObject().put("site", site));
  }

  public Future<JsonObject> createSchema(String site, JsonObject schema) {
    return request(
        MongoAddresses.SCHEMA_CREATE, new JsonObject().put("site", site).put("schema", schema));
  }

  public Future<JsonObject> updateSchema(String site, JsonObject schema) {
    return request(
        MongoAddresses.SCHEMA_UPDATE, new JsonObject().put("site", site).put("schema", schema));
  }

  public Future<JsonObject> datasetSchema(String site) {
    return request(MongoAddresses.DATASET_SCHEMA, new JsonObject().put("site", site));
  }

  /** {@code {oldest, newest}}: ISO-8601 UTC strings, null for a collection without timestamps. */
  public Future<JsonObject> bounds(String site, String collection) {
    return request(
        MongoAddresses.BOUNDS, new JsonObject().put("site", site).put("collection", collection));
  }

  public Future<String> openCursor(
      String site, String collection, Instant from, Instant until, String kind, int batchSize) {
    return request(
            MongoAddresses.CURSOR_OPEN,
            new JsonObject()
                .put("site", site)
                .put("collection", collection)
                .put("from", from.toString())
                .put("until", until.toString())
                .put("kind", kind)
                .put("batch_size", batchSize))
        .map(r -> r.getString("cursor"));
  }

  public Future<JsonObject> nextBatch(String cursor) {
    return request(MongoAddresses.CURSOR_NEXT, new JsonObject().put("cursor", cursor));
  }

  public void closeCursor(String cursor) {
    vertx.eventBus().send(MongoAddresses.CURSOR_CLOSE, new JsonObject().put("cursor", cursor));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx
        .eventBus()
        .<JsonObject>request(address, body, DEFAULT)
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(BusReplies.toApiFailure(err)));
  }
}
