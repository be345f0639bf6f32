package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.http.ZipResponse;
import eu.opeva.coordinator.http.ZipSource;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Streams a dataset folder as a zip while it is being compressed ({@link ZipResponse}): no
 * temporary file, so concurrent downloads are independent and nothing is left behind, and a client
 * that does not read holds no thread. Entries are relative to the dataset folder; links are
 * skipped, so nothing outside the dataset can end up in the archive. A download that fails midway
 * (a file that vanished included) is aborted, never ended as a complete-looking zip.
 */
final class ZipDownload {
  /** Entries carry the time of packing; a file that cannot be read fails the download. */
  static final ZipSource.Style STYLE = new ZipSource.Style(false, false);

  private ZipDownload() {}

  /** Call on the request's event loop; the files are listed on {@code pool}. */
  static void stream(BlockingIo pool, RoutingContext rc, Path dir, String name) {
    pool.run(() -> entries(dir))
        .onSuccess(
            entries -> {
              rc.response()
                  .putHeader("content-type", "application/zip")
                  .putHeader("content-disposition", "attachment; filename=\"" + name + ".zip\"");
              ZipResponse.send(
                  pool, rc.response(), new ZipSource(entries, STYLE), "download of " + name);
            })
        .onFailure(err -> Responses.fail(rc, err));
  }

  private static List<ZipSource.Entry> entries(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .map(
              p ->
                  new ZipSource.Entry(
                      p, dir.relativize(p).toString().replace('\\', '/'), ZipSource.Entry.ALL))
          .toList();
    }
  }
}
