package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.demo.DemoLoader;
import eu.opeva.coordinator.demo.DemoSite;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the MongoDB clients: site listings, recent and historical data, schema CRUD and the
 * time-ordered cursors exports read. With no MongoDB configured it starts the embedded server first
 * (and, when asked, fills it with the demo site). MongoDB being unreachable never stops the
 * coordinator: requests then fail with 503.
 */
public final class MongoVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MongoVerticle.class);

  private final Settings.Mongo settings;
  private final Clock clock;
  private EmbeddedMongo embedded;
  private Databases dbs;
  private ExportCursors cursors;
  private long sweepTimer = -1;

  public MongoVerticle(Settings.Mongo settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Future<String> uri =
        settings.embedded()
            ? vertx.executeBlocking(
                () -> {
                  embedded = EmbeddedMongo.start();
                  LOG.info(
                      "No MongoDB configured: embedded in-memory MongoDB on 127.0.0.1:{}",
                      embedded.port());
                  return embedded.connectionString();
                })
            : Future.succeededFuture(MongoConnection.external(settings));
    return uri.compose(
        cs -> {
          dbs = new Databases(vertx, new MongoConnection(cs, settings.timeout().toMillis()));
          cursors = new ExportCursors(dbs);
          register();
          sweepTimer = vertx.setPeriodic(60_000, id -> cursors.closeIdle());
          return loadDemo();
        });
  }

  private void register() {
    SiteQueries queries = new SiteQueries(dbs, clock);
    SchemaStore schemas = new SchemaStore(dbs);
    HistoricalData historical = new HistoricalData(dbs, clock);
    on(MongoAddresses.SITES, m -> queries.sites());
    on(MongoAddresses.COLLECTIONS, m -> queries.collections(m.getString("site")));
    on(
        MongoAddresses.REAL_TIME,
        m ->
            queries.realTime(
                m.getString("site"),
                m.getLong("minutes"),
                m.getValue("limit") instanceof Number n ? n.intValue() : 10_000));
    on(MongoAddresses.HISTORICAL, historical::query);
    on(MongoAddresses.SCHEMA_GET, m -> schemas.get(m.getString("site")));
    on(
        MongoAddresses.SCHEMA_CREATE,
        m -> schemas.create(m.getString("site"), m.getJsonObject("schema")));
    on(
        MongoAddresses.SCHEMA_UPDATE,
        m -> schemas.update(m.getString("site"), m.getJsonObject("schema")));
    on(MongoAddresses.DATASET_SCHEMA, m -> schemas.forDataset(m.getString("site")));
    on(
        MongoAddresses.BOUNDS,
        m -> {
          SiteQueries.requireCollectionName(m.getString("collection"));
          return queries.bounds(m.getString("site"), m.getString("collection"));
        });
    on(MongoAddresses.CURSOR_OPEN, cursors::open);
    on(MongoAddresses.CURSOR_NEXT, m -> cursors.next(m.getString("cursor")));
    vertx
        .eventBus()
        .<JsonObject>consumer(
            MongoAddresses.CURSOR_CLOSE, m -> cursors.close(m.body().getString("cursor")));
  }

  private void on(String address, Function<JsonObject, Future<?>> op) {
    BusReplies.serve(vertx, address, op, MongoFailures::toApi);
  }

  private Future<Void> loadDemo() {
    Settings.Demo demo = settings.demo();
    if (!demo.enabled()) {
      return Future.succeededFuture();
    }
    if (!settings.embedded()) {
      LOG.warn(
          "Demo data is only loaded into the embedded MongoDB; a MongoDB is configured, so none was loaded");
      return Future.succeededFuture();
    }
    DemoSite site =
        DemoSite.ending(
            demo.site(),
            demo.buildings(),
            clock.instant(),
            demo.days(),
            demo.periodMinutes(),
            demo.seed());
    return DemoLoader.load(dbs.client(demo.site()), site)
        .onSuccess(
            n ->
                LOG.info(
                    "Demo site '{}' loaded: {} buildings, {} documents from {} to {}",
                    site.site(),
                    site.buildings(),
                    n,
                    site.start(),
                    site.end()))
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    if (cursors != null) {
      cursors.closeAll();
    }
    Future<Void> closed = dbs == null ? Future.succeededFuture() : dbs.close();
    return closed.eventually(
        () ->
            embedded == null
                ? Future.succeededFuture()
                : vertx.executeBlocking(
                    () -> {
                      embedded.close();
                      return null;
                    }));
  }
}
