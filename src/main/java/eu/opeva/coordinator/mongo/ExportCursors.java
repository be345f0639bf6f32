package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Time-ordered reads of one collection within a time window, for exports. Dates and ISO strings are
 * read by separate cursors ({@code kind}), because MongoDB orders all strings before all dates; the
 * reader merges them. Cursors left idle longer than {@link #IDLE_MS} are closed.
 */
final class ExportCursors {
  static final long IDLE_MS = 10 * 60_000L;
  private static final JsonObject BY_TIME = new JsonObject().put("timestamp", 1);

  private final Databases dbs;
  private final Map<String, PulledCursor> open = new HashMap<>();

  ExportCursors(Databases dbs) {
    this.dbs = dbs;
  }

  /** {@code {site, collection, from, until, kind: date|string, batch_size}} to {@code {cursor}}. */
  Future<JsonObject> open(JsonObject req) {
    String site = req.getString("site");
    String collection = req.getString("collection");
    SiteQueries.requireCollectionName(collection);
    Instant from = Timestamps.parseText(req.getString("from"));
    Instant until = Timestamps.parseText(req.getString("until"));
    if (from == null || until == null) {
      throw ApiFailure.badRequest("from and until are required");
    }
    int batch = Math.max(1, req.getInteger("batch_size", 1000));
    JsonObject query =
        "string".equals(req.getString("kind"))
            ? stringWindow(from, until)
            : dateWindow(from, until);
    return dbs.existing(site, SiteQueries.notFound(site))
        .map(
            client -> {
              FindOptions options = new FindOptions().setSort(BY_TIME).setBatchSize(batch);
              String id = UUID.randomUUID().toString();
              open.put(
                  id,
                  new PulledCursor(
                      client.findBatchWithOptions(collection, query, options), batch, now()));
              return new JsonObject().put("cursor", id);
            });
  }

  Future<JsonObject> next(String id) {
    PulledCursor cursor = open.get(id);
    if (cursor == null) {
      return Future.failedFuture(ApiFailure.notFound("Unknown or expired cursor"));
    }
    return cursor
        .next(now())
        .onComplete(
            ar -> {
              boolean busy = ar.failed() && ar.cause() instanceof ApiFailure f && f.status() == 409;
              if (ar.succeeded() ? ar.result().getBoolean("done") : !busy) {
                open.remove(id);
                cursor.close();
              }
            });
  }

  void close(String id) {
    PulledCursor cursor = open.remove(id);
    if (cursor != null) {
      cursor.close();
    }
  }

  void closeIdle() {
    long cutoff = now() - IDLE_MS;
    open.entrySet()
        .removeIf(
            e -> {
              if (e.getValue().lastUsed < cutoff) {
                e.getValue().close();
                return true;
              }
              return false;
            });
  }

  void closeAll() {
    open.values().forEach(PulledCursor::close);
    open.clear();
  }

  private static JsonObject dateWindow(Instant from, Instant until) {
    return new JsonObject()
        .put(
            "timestamp",
            new JsonObject()
                .put("$gte", Timestamps.mongoDate(from))
                .put("$lte", Timestamps.mongoDate(until)));
  }

  /**
   * Strings are compared as text, so the window is widened to whole days (a day each side for
   * offsets); the reader drops what falls outside once parsed.
   */
  private static JsonObject stringWindow(Instant from, Instant until) {
    LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate afterLast = until.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(2);
    return new JsonObject()
        .put(
            "timestamp",
            new JsonObject().put("$gte", first.toString()).put("$lt", afterLast.toString()));
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
