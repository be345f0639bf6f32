package eu.opeva.coordinator.dataset;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a dataset folder as a zip while it is being compressed: no temporary file, so concurrent
 * downloads are independent and nothing is left behind. Entries are relative to the dataset folder;
 * links are skipped, so nothing outside the dataset can end up in the archive.
 */
final class ZipDownload {
  private static final Logger LOG = LoggerFactory.getLogger(ZipDownload.class);

  private ZipDownload() {}

  static Future<Void> stream(Context context, WorkerExecutor pool, HttpServerResponse response, Path dir,
      String name) {
    response.setChunked(true)
        .putHeader("content-type", "application/zip")
        .putHeader("content-disposition", "attachment; filename=\"" + name + ".zip\"");
    return pool.executeBlocking(() -> {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
      }
      try (ZipOutputStream zip = new ZipOutputStream(new ResponseOutputStream(context, response))) {
        for (Path file : files) {
          zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, zip);
          zip.closeEntry();
        }
      } catch (IOException e) {
        LOG.info("Download of dataset '{}' stopped: {}", name, e.getMessage());
        context.runOnContext(v -> {
          if (!response.ended() && !response.closed()) {
            response.reset();
          }
        });
      }
      return null;
    }, false);
  }
}
