package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.http.ResponseOutputStream;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a dataset folder as a zip while it is being compressed: no temporary file, so concurrent
 * downloads are independent and nothing is left behind. Entries are relative to the dataset folder;
 * links are skipped, so nothing outside the dataset can end up in the archive. A download that
 * fails midway is aborted, never ended as a complete-looking zip.
 */
final class ZipDownload {
  static final long IDLE_TIMEOUT_MS = 120_000;
  private static final Logger LOG = LoggerFactory.getLogger(ZipDownload.class);

  private ZipDownload() {}

  /** Call on the response's event loop. */
  static void stream(WorkerExecutor pool, HttpServerResponse response, Path dir, String name) {
    response
        .setChunked(true)
        .putHeader("content-type", "application/zip")
        .putHeader("content-disposition", "attachment; filename=\"" + name + ".zip\"");
    ResponseOutputStream out =
        new ResponseOutputStream(Vertx.currentContext(), response, IDLE_TIMEOUT_MS);
    pool.executeBlocking(
        () -> {
          try {
            write(dir, out);
          } catch (IOException | RuntimeException e) {
            LOG.info("Download of dataset '{}' stopped: {}", name, e.toString());
            out.abort();
          }
          return null;
        },
        false);
  }

  private static void write(Path dir, ResponseOutputStream out) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(Deflater.BEST_SPEED);
    byte[] buffer = new byte[64 * 1024];
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          // Compressible CSVs take many reads per chunk sent: notice a departed client here.
          if (out.isBroken()) {
            throw new IOException("the client went away");
          }
          zip.write(buffer, 0, n);
        }
        zip.closeEntry();
      }
    }
    zip.close();
  }
}
