package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.storage.Confinement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the chosen parts of one job folder as a zip, file by file into the output (no temp file,
 * no whole file in memory). Only regular files inside the folder are taken: links are skipped, so
 * nothing outside the job folder can enter the zip. Blocking.
 */
final class BundleZip {
  private final Path jobDir;
  private final String prefix;

  BundleZip(Path jobDir, String jobId) {
    this.jobDir = jobDir;
    this.prefix = jobId + "/";
  }

  /** A file to pack: where it is and its size when listed (later growth is not packed). */
  record Item(Path file, String name, long size) {}

  List<Item> list(Set<String> parts) throws IOException {
    List<Path> roots = new ArrayList<>();
    if (parts.contains(BundleParts.ALL)) {
      roots.add(jobDir);
    } else {
      parts.forEach(p -> BundleParts.PATHS.get(p).forEach(rel -> roots.add(jobDir.resolve(rel))));
    }
    List<Item> items = new ArrayList<>();
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

  private void walk(Path root, List<Item> items) throws IOException {
    List<Item> found = new ArrayList<>();
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

  private Item item(Path file, long size) {
    return new Item(file, prefix + jobDir.relativize(file).toString().replace('\\', '/'), size);
  }

  /**
   * Packs the items and closes {@code out} when the zip is complete. On a failure {@code out} is
   * left open (not finished into a valid-looking but partial zip) for the caller to abort.
   */
  void write(List<Item> items, OutputStream out, BooleanSupplier cancelled) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(Deflater.BEST_SPEED);
    byte[] buf = new byte[64 * 1024];
    for (Item item : items) {
      InputStream in;
      try {
        in = Files.newInputStream(item.file(), LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        continue; // deleted, or replaced by a link, since it was listed
      }
      try (in) {
        ZipEntry entry = new ZipEntry(item.name());
        entry.setLastModifiedTime(Files.getLastModifiedTime(item.file()));
        zip.putNextEntry(entry);
        long left = item.size();
        for (int n;
            left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0;
            left -= n) {
          // Compressible input can take many reads per chunk sent: notice a departed client here.
          if (cancelled.getAsBoolean()) {
            throw new IOException("the client went away");
          }
          zip.write(buf, 0, n);
        }
        zip.closeEntry();
      }
    }
    zip.close();
  }
}
