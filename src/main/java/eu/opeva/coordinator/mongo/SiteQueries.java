package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Read-only site queries: listings, recent documents, and the timestamp range of a collection. */
final class SiteQueries {
  static final String SCHEMA_COLLECTION = "schema";
  private static final JsonObject BY_TIME = new JsonObject().put("timestamp", 1);
  private static final JsonObject BY_TIME_DESC = new JsonObject().put("timestamp", -1);

  private final Databases dbs;
  private final Clock clock;

  SiteQueries(Databases dbs, Clock clock) {
    this.dbs = dbs;
    this.clock = clock;
  }

  Future<JsonObject> sites() {
    return dbs.names().map(names -> new JsonObject().put("sites", new JsonArray(names)));
  }

  static String notFound(String site) {
    return "Site '" + site + "' not found.";
  }

  Future<JsonObject> collections(String site) {
    return dbs.existing(site, notFound(site))
        .compose(MongoClient::getCollections)
        .map(
            names -> {
              List<String> sorted = new ArrayList<>(names);
              Collections.sort(sorted);
              return new JsonObject().put("collections", new JsonArray(sorted));
            });
  }

  /**
   * The most recent {@code limit} documents of every collection (schema included), oldest first,
   * optionally only those of the last {@code minutes}. Collections cut by the limit are named in
   * {@code truncated}; a failing collection gets {@code {"error": ...}} instead of its list.
   */
  Future<JsonObject> realTime(String site, Long minutes, int limit) {
    JsonObject query =
        minutes == null
            ? new JsonObject()
            : new JsonObject()
                .put(
                    "timestamp",
                    new JsonObject()
                        .put(
                            "$gte",
                            Timestamps.mongoDate(
                                Timestamps.minutesBefore(clock.instant(), minutes))));
    return dbs.existing(site, notFound(site))
        .compose(
            client ->
                client
                    .getCollections()
                    .compose(
                        names -> {
                          List<String> sorted = new ArrayList<>(names);
                          Collections.sort(sorted);
                          JsonObject collections = new JsonObject();
                          JsonArray truncated = new JsonArray();
                          List<Future<Void>> each = new ArrayList<>();
                          for (String name : sorted) {
                            FindOptions newest =
                                new FindOptions().setSort(BY_TIME_DESC).setLimit(limit + 1);
                            each.add(
                                client
                                    .findWithOptions(name, query, newest)
                                    .map(
                                        docs -> {
                                          if (docs.size() > limit) {
                                            truncated.add(name);
                                            docs = docs.subList(0, limit);
                                          }
                                          JsonArray items = new JsonArray();
                                          for (int i = docs.size() - 1; i >= 0; i--) {
                                            items.add(MongoJson.toApi(docs.get(i)));
                                          }
                                          collections.put(name, items);
                                          return (Void) null;
                                        })
                                    .recover(
                                        err -> {
                                          collections.put(
                                              name,
                                              new JsonObject()
                                                  .put("error", String.valueOf(err.getMessage())));
                                          return Future.succeededFuture();
                                        }));
                          }
                          return Future.join(each)
                              .map(
                                  v -> {
                                    JsonObject ordered = new JsonObject();
                                    sorted.forEach(n -> ordered.put(n, collections.getValue(n)));
                                    return new JsonObject()
                                        .put("collections", ordered)
                                        .put("truncated", truncated);
                                  });
                        }));
  }

  /**
   * Oldest and newest timestamps of a collection by timestamp order (dates and ISO strings; strings
   * are ordered as text, which is time order for one consistent format). Null when none.
   */
  Future<JsonObject> bounds(String site, String collection) {
    return dbs.existing(site, notFound(site))
        .compose(
            client -> {
              List<Future<Instant>> ends =
                  List.of(
                      first(client, collection, "date", BY_TIME),
                          first(client, collection, "date", BY_TIME_DESC),
                      first(client, collection, "string", BY_TIME),
                          first(client, collection, "string", BY_TIME_DESC));
              return Future.all(ends)
                  .map(
                      all -> {
                        Instant oldest = null;
                        Instant newest = null;
                        for (Future<Instant> f : ends) {
                          Instant t = f.result();
                          if (t != null) {
                            oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
                            newest = newest == null || t.isAfter(newest) ? t : newest;
                          }
                        }
                        return new JsonObject()
                            .put("oldest", Timestamps.iso(oldest))
                            .put("newest", Timestamps.iso(newest));
                      });
            });
  }

  private static Future<Instant> first(
      MongoClient client, String collection, String type, JsonObject sort) {
    JsonObject query = new JsonObject().put("timestamp", new JsonObject().put("$type", type));
    return client
        .findWithOptions(collection, query, new FindOptions().setSort(sort).setLimit(1))
        .map(docs -> docs.isEmpty() ? null : Timestamps.parse(docs.get(0).getValue("timestamp")));
  }

  static void requireCollectionName(String collection) {
    if (collection == null
        || collection.isEmpty()
        || collection.length() > 255
        || collection.startsWith("system.")
        || collection.contains("$")
        || collection.indexOf('\0') >= 0) {
      throw ApiFailure.badRequest("Invalid collection name");
    }
  }
}
