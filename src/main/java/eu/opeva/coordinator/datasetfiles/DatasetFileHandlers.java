package eu.opeva.coordinator.datasetfiles;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.FileResponses;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * Reading dataset files: the listing and downloads (a folder streamed as a zip, a plain file as it
 * is). Changes to the datasets folder go through the dataset verticle ({@code DatasetHandlers}).
 */
public final class DatasetFileHandlers implements ApiRoutes {
  private final BlockingIo io;
  private final BlockingIo zipPool;
  private final Path root;

  public DatasetFileHandlers(Vertx vertx, Settings config, BlockingIo io) {
    this.io = io;
    // Zips are made in short steps, so a few threads serve any number of downloads.
    this.zipPool =
        new BlockingIo(vertx, "dataset-zip", Math.max(2, config.storage().ioThreads() / 4));
    this.root = new SharedLayout(config.storage().sharedRoot()).datasets();
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(LIST_DATASETS, rc -> Responses.json(rc, io.run(() -> DatasetFiles.list(root))))
        .bind(DOWNLOAD_DATASET, rc -> DatasetNames.withPathName(rc, name -> download(rc, name)));
  }

  private void download(RoutingContext rc, String name) {
    Path path = root.resolve(name);
    io.run(() -> DatasetFiles.downloadFile(root, path))
        .onSuccess(
            file -> {
              if (file.isEmpty()) {
                ZipDownload.stream(zipPool, rc, path, name);
              } else {
                rc.response()
                    .putHeader("content-disposition", "attachment; filename=\"" + name + "\"");
                FileResponses.send(rc, file.get(), "application/octet-stream", "Dataset not found");
              }
            })
        .onFailure(err -> Responses.fail(rc, err));
  }
}
