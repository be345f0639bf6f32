package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.citylearn.DocumentStream;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.mongo.Timestamps;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The documents of one collection within a time window, in time order, read batch by batch on an
 * export thread. Date and string timestamps come from two cursors merged here; the next batch of
 * each is requested before the current one is used, so reading overlaps processing while at most
 * two batches per cursor are in memory.
 */
final class DocumentSource implements DocumentStream {
  private final Cursor dates;
  private final Cursor strings;

  DocumentSource(
      SiteDataClient client,
      String site,
      String collection,
      Instant from,
      Instant until,
      int batch) {
    this.dates = new Cursor(client, site, collection, from, until, "date", batch);
    Cursor s;
    try {
      s = new Cursor(client, site, collection, from, until, "string", batch);
    } catch (RuntimeException e) {
      dates.close();
      throw e;
    }
    this.strings = s;
  }

  @Override
  public Timed next() {
    Timed a = dates.peek();
    Timed b = strings.peek();
    if (a == null && b == null) {
      return null;
    }
    return b == null || (a != null && !b.ts().isBefore(a.ts())) ? dates.poll() : strings.poll();
  }

  @Override
  public void close() {
    dates.close();
    strings.close();
  }

  private static final class Cursor {
    private final SiteDataClient client;
    private final Instant from;
    private final Instant until;
    private final String id;
    private Future<JsonObject> pending;
    private JsonArray docs = new JsonArray();
    private int position;
    private boolean done;
    private Timed head;

    Cursor(
        SiteDataClient client,
        String site,
        String collection,
        Instant from,
        Instant until,
        String kind,
        int batch) {
      this.client = client;
      this.from = from;
      this.until = until;
      this.id =
          BlockingIo.await(
              client.openCursor(site, collection, from, until, kind, batch),
              DatasetExport.MONGO_WAIT);
      this.pending = client.nextBatch(id);
    }

    Timed peek() {
      while (head == null) {
        if (position < docs.size()) {
          JsonObject doc = docs.getJsonObject(position);
          docs.set(position++, null);
          Instant ts = Timestamps.parse(doc.getValue("timestamp"));
          if (ts != null && !ts.isBefore(from) && !ts.isAfter(until)) {
            head = new Timed(ts, doc);
          }
        } else if (done) {
          return null;
        } else {
          JsonObject batch = BlockingIo.await(pending, DatasetExport.MONGO_WAIT);
          done = batch.getBoolean("done", true);
          pending = done ? null : client.nextBatch(id);
          docs = batch.getJsonArray("docs");
          position = 0;
        }
      }
      return head;
    }

    Timed poll() {
      Timed t = peek();
      head = null;
      return t;
    }

    void close() {
      if (!done) {
        done = true;
        client.closeCursor(id);
      }
    }
  }
}
