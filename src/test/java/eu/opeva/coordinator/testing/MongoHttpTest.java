package eu.opeva.coordinator.testing;

import eu.opeva.coordinator.demo.DemoLoader;
import eu.opeva.coordinator.demo.DemoSite;
import eu.opeva.coordinator.mongo.EmbeddedMongo;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of site-data tests: the coordinator talks to an embedded MongoDB owned by the test (given as
 * {@code MONGO_URI}), which the test fills through its own clients.
 */
public abstract class MongoHttpTest extends CoordinatorHttpTest {
  protected EmbeddedMongo mongo;
  private final Map<String, MongoClient> clients = new HashMap<>();

  /** More environment for this test class (the Mongo URI is added). */
  protected Map<String, String> siteEnv() {
    return Map.of();
  }

  @Override
  protected final Map<String, String> env() {
    if (mongo == null) {
      mongo = EmbeddedMongo.start();
    }
    Map<String, String> env = new HashMap<>(siteEnv());
    env.put("MONGO_URI", mongo.connectionString());
    return env;
  }

  @AfterEach
  void stopMongo() {
    clients.values().forEach(c -> TestCoordinator.await(c.close()));
    if (tc != null) {
      tc.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  protected MongoClient db(String site) {
    return clients.computeIfAbsent(
        site,
        s ->
            MongoClient.create(
                tc.vertx,
                new JsonObject()
                    .put("connection_string", mongo.connectionString())
                    .put("db_name", s)));
  }

  protected void insert(String site, String collection, List<JsonObject> docs) {
    TestCoordinator.await(
        db(site).bulkWrite(collection, docs.stream().map(BulkOperation::createInsert).toList()));
  }

  protected void schema(String site, JsonObject schema) {
    TestCoordinator.await(
        db(site).insert("schema", new JsonObject().put("_id", "schema").put("schema", schema)));
  }

  protected long loadDemo(DemoSite site) {
    return TestCoordinator.await(DemoLoader.load(db(site.site()), site));
  }

  protected static JsonObject date(Instant t) {
    return new JsonObject().put("$date", t.toString());
  }
}
