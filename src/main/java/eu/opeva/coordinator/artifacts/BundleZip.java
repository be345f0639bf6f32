package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.http.ZipSource;
import eu.opeva.coordinator.http.ZipSource.Entry;
import eu.opeva.coordinator.storage.Confinement;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lists the files of the chosen parts of one job folder for a zip ({@link ZipSource}). Only regular
 * files inside the folder are taken: links are skipped, so nothing outside the job folder can enter
 * the zip. Blocking.
 */
final class BundleZip {
  /** How bundle entries are written: with their files' times, vanished files left out. */
  static final ZipSource.Style STYLE = new ZipSource.Style(true, true);

  private final Path jobDir;
  private final String prefix;

  BundleZip(Path jobDir, String jobId) {
    this.jobDir = jobDir;
    this.prefix = jobId + "/";
  }

  /** The files to pack, each at its size when listed (later growth is not packed). */
  List<Entry> list(Set<String> parts) throws IOException {
    List<Path> roots = new ArrayList<>();
    if (parts.contains(BundleParts.ALL)) {
      roots.add(jobDir);
    } else {
      parts.forEach(p -> BundleParts.PATHS.get(p).forEach(rel -> roots.add(jobDir.resolve(rel))));
    }
    List<Entry> items = new ArrayList<>();
    for (Path root : roots) {
      if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)
          && Confinement.isFolderUnder(jobDir, root)) {
        walk(root, items);
      } else if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
        items.add(item(root, Files.size(root)));
      }
    }
    return items;
  }

  private void walk(Path root, List<Entry> items) throws IOException {
    List<Entry> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              found.add(item(file, attrs.size()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // vanished or unreadable meanwhile: leave it out
          }
        });
    found.sort((a, b) -> a.name().compareTo(b.name()));
    items.addAll(found);
  }

  private Entry item(Path file, long size) {
    return new Entry(file, prefix + jobDir.relativize(file).toString().replace('\\', '/'), size);
  }
}
