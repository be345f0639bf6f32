package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Typed facade over the Mongo verticle's addresses. Failures arrive as {@code ApiFailure}. */
public final class SiteDataClient {
  private static final DeliveryOptions DEFAULT = new DeliveryOptions().setSendTimeout(120_000);
  private final BusClient bus;

  public SiteDataClient(Vertx vertx) {
    this.bus = new BusClient(vertx, DEFAULT);
  }

  public Future<List<String>> sites() {
    return bus.request(MongoAddresses.SITES, new JsonObject())
        .map(r -> r.getJsonArray("sites").stream().map(String::valueOf).toList());
  }

  public Future<List<String>> collections(String site) {
    return bus.request(MongoAddresses.COLLECTIONS, new JsonObject().put("site", site))
        .map(r -> r.getJsonArray("collections").stream().map(String::valueOf).toList());
  }

  public Future<JsonObject> realTime(String site, Long minutes, int limit) {
    return bus.request(
        MongoAddresses.REAL_TIME,
        new JsonObject().put("site", site).put("minutes", minutes).put("limit", limit));
  }

  public Future<JsonObject> historical(JsonObject params) {
    return bus.request(MongoAddresses.HISTORICAL, params);
  }

  public Future<JsonObject> schema(String site) {
    return bus.request(MongoAddresses.SCHEMA_GET, new JsonObject().put("site", site));
  }

  public Future<JsonObject> createSchema(String site, JsonObject schema) {
    return bus.request(
        MongoAddresses.SCHEMA_CREATE, new JsonObject().put("site", site).put("schema", schema));
  }

  public Future<JsonObject> updateSchema(String site, JsonObject schema) {
    return bus.request(
        MongoAddresses.SCHEMA_UPDATE, new JsonObject().put("site", site).put("schema", schema));
  }

  public Future<JsonObject> datasetSchema(String site) {
    return bus.request(MongoAddresses.DATASET_SCHEMA, new JsonObject().put("site", site));
  }

  /** {@code {oldest, newest}}: ISO-8601 UTC strings, null for a collection without timestamps. */
  public Future<JsonObject> bounds(String site, String collection) {
    return bus.request(
        MongoAddresses.BOUNDS, new JsonObject().put("site", site).put("collection", collection));
  }

  public Future<String> openCursor(
      String site, String collection, Instant from, Instant until, String kind, int batchSize) {
    return bus.request(
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
    return bus.request(MongoAddresses.CURSOR_NEXT, new JsonObject().put("cursor", cursor));
  }

  public void closeCursor(String cursor) {
    bus.send(MongoAddresses.CURSOR_CLOSE, new JsonObject().put("cursor", cursor));
  }
}
