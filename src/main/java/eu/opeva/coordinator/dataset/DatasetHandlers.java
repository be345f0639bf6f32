package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.FileResponses;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Dataset endpoints: generation and its status, listings, download, delete, upload. */
public final class DatasetHandlers implements ApiRoutes {
  public static final String UPLOAD_PATH = "/dataset/upload";
  private final Settings config;
  private final DatasetClient datasets;
  private final DatasetSites sites;
  private final BlockingIo io;
  private final WorkerExecutor zipPool;
  private final Path root;

  public DatasetHandlers(Vertx vertx, Settings config, SiteDataClient siteData, BlockingIo io) {
    this.config = config;
    this.datasets = new DatasetClient(vertx);
    this.sites = new DatasetSites(siteData);
    this.io = io;
    // A zip of a large dataset takes as long as the client needs: no short blocked-thread limit.
    this.zipPool =
        vertx.createSharedWorkerExecutor(
            "dataset-zip", Math.max(2, config.storage().ioThreads() / 4), 1, TimeUnit.DAYS);
    this.root = new SharedLayout(config.storage().sharedRoot()).datasets();
  }

  @Override
  public Map<String, BodyHandler> bodyHandlers() {
    return Map.of(
        UPLOAD_PATH,
        BodyHandler.create(root.resolve(".uploads").toString())
            .setBodyLimit(config.datasets().uploadMaxBytes())
            .setDeleteUploadedFilesOnEnd(true));
  }

  @Override
  public void mount(RouterBuilder rb) {
    rb.getRoute("createDataset").addHandler(this::create);
    rb.getRoute("getDatasetStatus")
        .addHandler(rc -> withName(rc, name -> Responses.json(rc, datasets.status(name))));
    rb.getRoute("listDatasets")
        .addHandler(rc -> Responses.json(rc, io.run(() -> DatasetFiles.list(root))));
    rb.getRoute("listDatasetSites").addHandler(rc -> Responses.json(rc, sites.exportable()));
    rb.getRoute("getDatesAvailable")
        .addHandler(rc -> Responses.json(rc, sites.datesAvailable(Responses.path(rc, "site_id"))));
    rb.getRoute("deleteDataset")
        .addHandler(rc -> withName(rc, name -> Responses.json(rc, datasets.delete(name))));
    rb.getRoute("downloadDataset").addHandler(rc -> withName(rc, name -> download(rc, name)));
    rb.getRoute("uploadDataset").addHandler(rc -> UploadForm.handle(rc, datasets));
  }

  private void create(RoutingContext rc) {
    boolean async = Boolean.TRUE.equals(Responses.query(rc, "async"));
    Future<JsonObject> result = datasets.create(Responses.body(rc), async);
    if (async) {
      result = result.onSuccess(r -> rc.response().setStatusCode(202));
    }
    Responses.json(rc, result);
  }

  private void download(RoutingContext rc, String name) {
    Path path = root.resolve(name);
    io.run(
            () -> {
              if (Confinement.isFolderUnder(root, path)) {
                return Optional.<Path>empty();
              }
              return Optional.of(
                  Confinement.regularFileUnder(root, path)
                      .orElseThrow(() -> ApiFailure.notFound("Dataset not found")));
            })
        .onSuccess(
            file -> {
              if (file.isEmpty()) {
                ZipDownload.stream(zipPool, rc.response(), path, name);
              } else {
                rc.response()
                    .putHeader("content-disposition", "attachment; filename=\"" + name + "\"");
                FileResponses.send(rc, file.get(), "application/octet-stream", "Dataset not found");
              }
            })
        .onFailure(err -> Responses.fail(rc, err));
  }

  /**
   * Runs the handler for a valid dataset name; anything else is a 400 before any file is touched.
   */
  static void withName(RoutingContext rc, java.util.function.Consumer<String> handler) {
    String name = Responses.path(rc, "name");
    if (!DatasetNames.isValid(name)) {
      Responses.fail(rc, ApiFailure.badRequest("Invalid dataset name"));
      return;
    }
    handler.accept(name);
  }
}
