package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.datasetfiles.DatasetFiles;
import eu.opeva.coordinator.datasetfiles.DatasetNames;
import eu.opeva.coordinator.datasetfiles.WorkFolders;
import eu.opeva.coordinator.datasetfiles.ZipUpload;
import eu.opeva.coordinator.metrics.DatasetMetrics;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every change to the datasets folder: generations (on the {@code dataset-export} pool, a few
 * at a time), deletions and uploads. One operation per dataset name at a time; the latest
 * generation of each name is kept for {@code GET /dataset/{name}/status}.
 */
public final class DatasetVerticle extends VerticleBase {
  static final String EXPORT_POOL = "dataset-export";
  private static final Logger LOG = LoggerFactory.getLogger(DatasetVerticle.class);

  private final Settings config;
  private final Clock clock;
  private final Path datasets;
  private final Set<String> busy = new HashSet<>();
  private final LatestGenerations latest = new LatestGenerations();
  private DatasetMetrics metrics;
  private Future<?> uploads = Future.succeededFuture();
  private WorkerExecutor pool;
  private BlockingIo io;
  private SiteDataClient sites;

  /** Where exports are counted. */
  public DatasetVerticle metrics(DatasetMetrics exportMetrics) {
    this.metrics = exportMetrics;
    return this;
  }

  public DatasetVerticle(Settings config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.datasets = new SharedLayout(config.storage().sharedRoot()).datasets();
  }

  @Override
  public Future<?> start() {
    pool =
        vertx.createSharedWorkerExecutor(
            EXPORT_POOL, config.datasets().exportThreads(), 24, TimeUnit.HOURS);
    io = new BlockingIo(vertx, config.storage().ioThreads());
    sites = new SiteDataClient(vertx);
    on(DatasetAddresses.CREATE, this::create);
    on(DatasetAddresses.STATUS, this::status);
    on(
        DatasetAddresses.DELETE,
        m ->
            exclusive(
                m.getString("name"),
                path ->
                    io.run(
                        () -> {
                          if (!DatasetFiles.delete(path)) {
                            throw ApiFailure.notFound("Dataset not found");
                          }
                          return new JsonObject()
                              .put("message", "Dataset '" + m.getString("name") + "' deleted");
                        })));
    on(
        DatasetAddresses.UPLOAD,
        m ->
            exclusive(
                m.getString("name"),
                path ->
                    oneUploadAtATime(
                        () ->
                            pool.executeBlocking(
                                () ->
                                    ZipUpload.install(
                                        Path.of(m.getString("zip")),
                                        m.getString("file_name"),
                                        path,
                                        config.datasets(),
                                        clock),
                                false))));
    return io.run(() -> WorkFolders.recover(datasets))
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("Cleaned up {} dataset work folder(s) left by an interrupted run", n);
              }
            });
  }

  private Future<JsonObject> create(JsonObject msg) {
    ExportRequest req = ExportRequest.parse(msg.getJsonObject("request"));
    if (busy.contains(req.name())) {
      throw ApiFailure.conflict(
          "Dataset '"
              + req.name()
              + "' is being generated or changed; see /dataset/"
              + req.name()
              + "/status");
    }
    busy.add(req.name());
    ExportProgress progress = new ExportProgress(req.name(), req.siteId(), clock);
    latest.started(progress);
    Settings.Datasets settings = config.datasets();
    long startedAt = clock.millis();
    if (metrics != null) {
      metrics.started();
    }
    Future<JsonObject> job =
        pool.executeBlocking(
            () -> {
              progress.started();
              return new DatasetExport(
                      sites,
                      datasets,
                      req,
                      settings.batchSize(),
                      settings.acceptableGapMinutes(),
                      progress)
                  .run();
            },
            false);
    Future<JsonObject> done =
        job.transform(
            ar -> {
              busy.remove(req.name());
              if (metrics != null) {
                metrics.ended(ar.succeeded(), clock.millis() - startedAt);
              }
              if (ar.succeeded()) {
                progress.succeeded(ar.result());
              } else {
                recordFailure(progress, ar.cause());
              }
              JsonObject status = progress.toJson();
              vertx
                  .eventBus()
                  .publish(
                      DatasetAddresses.FINISHED,
                      new JsonObject()
                          .put("name", req.name())
                          .put("state", status.getString("state")));
              return Future.succeededFuture(status);
            });
    if (msg.getBoolean("async", false)) {
      return Future.succeededFuture(
          new JsonObject()
              .put("message", "Dataset generation started")
              .put("name", req.name())
              .put("status_url", "/dataset/" + req.name() + "/status"));
    }
    return done;
  }

  private static void recordFailure(ExportProgress progress, Throwable cause) {
    ApiFailure api = BusReplies.toApiFailure(cause);
    if (!(cause instanceof ApiFailure)
        && !(cause instanceof io.vertx.core.eventbus.ReplyException)) {
      LOG.error("Generation of dataset '{}' failed", progress.name, cause);
      // The cause stays in the log: an answer never names an exception or a path.
      api = new ApiFailure(500, "Dataset generation failed; the coordinator's log has the cause");
    }
    progress.failed(api.status(), api.detail());
  }

  private Future<JsonObject> status(JsonObject msg) {
    String name = DatasetNames.require(msg.getString("name"));
    ExportProgress progress = latest.get(name);
    if (progress != null) {
      return Future.succeededFuture(progress.toJson());
    }
    Path path = DatasetNames.resolve(datasets, name);
    return io.run(
        () -> {
          if (!DatasetFiles.exists(path)) {
            throw ApiFailure.notFound("No dataset or generation named '" + name + "'");
          }
          return new JsonObject().put("name", name).put("state", "available");
        });
  }

  /** Starts an upload once the ones before it have ended: each measures the quota's room alone. */
  private Future<JsonObject> oneUploadAtATime(Supplier<Future<JsonObject>> upload) {
    Future<JsonObject> next = uploads.transform(ignored -> upload.get());
    uploads = next;
    return next;
  }

  /** Runs a change to one dataset while no other operation on that name is in progress. */
  private Future<JsonObject> exclusive(String name, Function<Path, Future<JsonObject>> op) {
    Path path = DatasetNames.resolve(datasets, name);
    if (!busy.add(name)) {
      throw ApiFailure.conflict(
          "Dataset '" + name + "' is being generated or changed; retry later");
    }
    Future<JsonObject> result;
    try {
      result = op.apply(path);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.onComplete(ar -> busy.remove(name));
  }

  private void on(String address, Function<JsonObject, Future<?>> op) {
    BusReplies.serve(vertx, address, op);
  }

  @Override
  public Future<?> stop() {
    latest.cancelAll();
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
