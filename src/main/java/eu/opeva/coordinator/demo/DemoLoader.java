package eu.opeva.coordinator.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a demo site through a client bound to the site's database: the schema document, then each
 * building's documents in chunks, generated as they are written (memory does not grow with size).
 */
public final class DemoLoader {
  private static final int CHUNK = 1000;

  private DemoLoader() {}

  /** Completes with the number of building documents written. */
  public static Future<Long> load(MongoClient client, DemoSite site) {
    JsonObject schemaDoc =
        new JsonObject().put("_id", "schema").put("schema", DemoDocuments.schema(site));
    Future<Long> chain = client.insert("schema", schemaDoc).map(id -> 0L);
    for (int b = 1; b <= site.buildings(); b++) {
      int building = b;
      for (int from = 0; from < site.steps(); from += CHUNK) {
        int start = from;
        chain =
            chain.compose(
                written -> writeChunk(client, site, building, start).map(n -> written + n));
      }
    }
    return chain;
  }

  private static Future<Long> writeChunk(
      MongoClient client, DemoSite site, int building, int from) {
    List<BulkOperation> ops = new ArrayList<>(CHUNK);
    for (int step = from; step < Math.min(site.steps(), from + CHUNK); step++) {
      JsonObject doc = DemoDocuments.document(site, building, step);
      if (doc != null) {
        ops.add(BulkOperation.createInsert(doc));
      }
    }
    if (ops.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    return client
        .bulkWrite(DemoSite.collection(building), ops)
        .map(r -> (long) r.getInsertedCount());
  }
}
