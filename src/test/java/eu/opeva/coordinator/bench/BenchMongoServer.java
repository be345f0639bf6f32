package eu.opeva.coordinator.bench;

import eu.opeva.coordinator.demo.DemoLoader;
import eu.opeva.coordinator.demo.DemoSite;
import eu.opeva.coordinator.mongo.EmbeddedMongo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's MongoDB: an embedded server in its own JVM (so the data it holds is not counted
 * in the exporter's heap), filled with a demo site of at least the requested number of documents.
 * Prints {@code READY <connection string> <documents> <first> <last>} and serves until killed.
 * Arguments: documents (500000), buildings (5), minutes between documents (5).
 */
public final class BenchMongoServer {
  public static final String SITE = "bench_site";

  private BenchMongoServer() {}

  public static void main(String[] args) throws Exception {
    long docs = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
    int buildings = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int period = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int steps = (int) ((docs + buildings - 1) / buildings);
    EmbeddedMongo mongo = EmbeddedMongo.start();
    Vertx vertx = Vertx.vertx();
    MongoClient client =
        MongoClient.create(
            vertx,
            new JsonObject()
                .put("connection_string", mongo.connectionString())
                .put("db_name", SITE));
    DemoSite site =
        new DemoSite(
            SITE, buildings, Instant.parse("2023-01-01T00:00:00Z"), steps, period, 42, false);
    long started = System.nanoTime();
    long written = DemoLoader.load(client, site).await(2, TimeUnit.HOURS);
    System.err.printf(
        "loaded %d documents in %.1f s%n", written, (System.nanoTime() - started) / 1e9);
    System.out.println(
        "READY "
            + mongo.connectionString()
            + " "
            + written
            + " "
            + site.start()
            + " "
            + site.end());
    System.out.flush();
    Thread.currentThread().join();
  }
}
