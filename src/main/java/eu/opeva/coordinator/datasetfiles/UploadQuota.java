package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The quota of dataset uploads ({@code DATASET_UPLOAD_QUOTA_BYTES}): the datasets folder may not
 * grow beyond it through uploads. What the datasets take is measured when an upload starts (hidden
 * work folders left out, links not followed), the room left is the most the upload may extract;
 * uploads run one at a time, so two of them never count on the same room. Blocking.
 */
final class UploadQuota {
  private UploadQuota() {}

  /** The bytes an upload may still add to {@code datasets}; a 413 when there is no room left. */
  static long room(Path datasets, long quota) throws IOException {
    long room = quota - used(datasets);
    if (room <= 0) {
      throw exceeded(quota);
    }
    return room;
  }

  static ApiFailure exceeded(long quota) {
    return new ApiFailure(
        413,
        "This upload would grow the datasets folder beyond the upload quota of "
            + quota
            + " bytes (DATASET_UPLOAD_QUOTA_BYTES); delete datasets or ask for a larger quota");
  }

  /** The bytes of the datasets' regular files. */
  static long used(Path datasets) throws IOException {
    if (!Files.isDirectory(datasets)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(
        datasets,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(datasets) && dir.getFileName().toString().startsWith(".")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              total[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // vanished meanwhile
          }
        });
    return total[0];
  }
}
