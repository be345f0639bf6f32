package eu.opeva.coordinator.mongo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /historical-data/{site}}: per collection, a page of documents in time order, or of
 * epoch-aligned buckets when a granularity is given. Buckets are built while the documents stream
 * by, one at a time, and the stream is cancelled as soon as the page is full.
 */
final class HistoricalData {
  private static final JsonObject BY_TIME = new JsonObject().put("timestamp", 1);
  private static final int STREAM_BATCH = 500;

  private final Databases dbs;
  private final Clock clock;

  HistoricalData(Databases dbs, Clock clock) {
    this.dbs = dbs;
    this.clock = clock;
  }

  Future<JsonObject> query(JsonObject params) {
    String site = params.getString("site");
    int limit = params.getInteger("limit");
    int offset = params.getValue("offset") instanceof Number n ? n.intValue() : 0;
    Integer granularity = params.getInteger("granularity_minutes");
    return dbs.existing(site, "Energy community '" + site + "' not found.")
        .compose(
            client -> {
              TimeFilter filter = TimeFilter.of(params, clock.instant());
              JsonObject echo = new JsonObject();
              filter.echo(echo);
              echo.put("limit", limit).put("offset", offset);
              if (granularity != null) {
                echo.put("granularity_minutes", granularity);
              }
              return client
                  .getCollections()
                  .compose(
                      names -> {
                        List<String> sorted = new ArrayList<>(names);
                        sorted.remove(SiteQueries.SCHEMA_COLLECTION);
                        Collections.sort(sorted);
                        JsonObject collections = new JsonObject();
                        Future<Void> chain = Future.succeededFuture();
                        for (String name : sorted) {
                          chain =
                              chain.compose(
                                  v ->
                                      page(client, name, filter, limit, offset, granularity)
                                          .map(items -> new JsonObject().put("items", items))
                                          .otherwise(
                                              err ->
                                                  new JsonObject()
                                                      .put("items", new JsonArray())
                                                      .put(
                                                          "error",
                                                          String.valueOf(err.getMessage())))
                                          .map(
                                              result -> {
                                                collections.put(name, result);
                                                return null;
                                              }));
                        }
                        return chain.map(
                            v ->
                                new JsonObject()
                                    .put("energy_community", site)
                                    .put("query", echo)
                                    .put("collections", collections));
                      });
            });
  }

  private Future<JsonArray> page(
      MongoClient client,
      String collection,
      TimeFilter filter,
      int limit,
      int offset,
      Integer granularity) {
    if (granularity == null) {
      FindOptions options = new FindOptions().setSort(BY_TIME).setSkip(offset).setLimit(limit);
      return client
          .findWithOptions(collection, filter.mongoQuery(), options)
          .map(
              docs -> {
                JsonArray items = new JsonArray();
                docs.forEach(d -> items.add(MongoJson.toApi(d)));
                return items;
              });
    }
    FindOptions options = new FindOptions().setSort(BY_TIME).setBatchSize(STREAM_BATCH);
    return buckets(
        client.findBatchWithOptions(collection, filter.mongoQuery(), options),
        granularity * 60_000L,
        offset,
        limit);
  }

  static Future<JsonArray> buckets(
      ReadStream<JsonObject> stream, long widthMs, int offset, int limit) {
    Promise<JsonArray> promise = Promise.promise();
    JsonArray items = new JsonArray();
    var state =
        new Object() {
          Bucket bucket;
          long start;
          int completed;

          void close() {
            if (bucket != null && completed >= offset && items.size() < limit) {
              items.add(
                  new JsonObject()
                      .put("timestamp", Instant.ofEpochMilli(start).toString())
                      .mergeIn(bucket.result()));
            }
            completed++;
            bucket = null;
          }
        };
    stream.exceptionHandler(promise::tryFail);
    stream.endHandler(
        v -> {
          if (!promise.future().isComplete()) {
            state.close();
            promise.complete(items);
          }
        });
    stream.handler(
        doc -> {
          Instant ts = Timestamps.parse(doc.getValue("timestamp"));
          if (ts == null || promise.future().isComplete()) {
            return;
          }
          long key = Math.floorDiv(ts.toEpochMilli(), widthMs) * widthMs;
          if (state.bucket != null && key != state.start) {
            state.close();
            if (items.size() >= limit) {
              stream.handler(null);
              promise.tryComplete(items);
              return;
            }
          }
          if (state.bucket == null) {
            state.bucket = new Bucket();
            state.start = key;
          }
          state.bucket.add(doc);
        });
    return promise.future();
  }
}
