package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Installs an uploaded zip as a dataset: extracted into a hidden work folder within the limits
 * (entries, total size, compression ratio; sizes are counted while writing, not taken from the
 * archive's claims), with every entry path kept inside the folder, then renamed into place. Any
 * refusal leaves nothing behind.
 */
public final class ZipUpload {
  private static final long RATIO_FLOOR_BYTES = 1L << 20;

  private ZipUpload() {}

  public static JsonObject install(
      Path zip, String fileName, Path target, Settings.Datasets limits, Clock clock)
      throws IOException {
    if (DatasetFiles.exists(target)) {
      throw ApiFailure.conflict("Dataset '" + target.getFileName() + "' already exists");
    }
    Path work =
        DatasetFiles.workFolder(target.getParent(), "upload", target.getFileName().toString());
    try {
      long size = extract(zip, work, limits);
      Path root = singleFolder(work);
      new JsonFiles(false)
          .writeJson(
              root.resolve("upload_metadata.json"),
              new JsonObject()
                  .put("name", target.getFileName().toString())
                  .put("description", "Uploaded dataset")
                  .put("uploaded_from", fileName)
                  .put("uploaded_at", clock.instant().toString()));
      try {
        Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        throw ApiFailure.conflict("Dataset '" + target.getFileName() + "' already exists");
      }
      return new JsonObject()
          .put("message", "Dataset uploaded")
          .put("name", target.getFileName().toString())
          .put("size_bytes", size);
    } finally {
      DatasetFiles.deleteTree(work);
    }
  }

  static long extract(Path zip, Path into, Settings.Datasets limits) throws IOException {
    dropStrayCarriageReturn(zip);
    long compressed = Math.max(1, Files.size(zip));
    long total = 0;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      if (zf.size() == 0) {
        throw ApiFailure.badRequest("Uploaded ZIP is empty");
      }
      if (zf.size() > limits.uploadMaxEntries()) {
        throw ApiFailure.badRequest(
            "ZIP has too many entries (at most " + limits.uploadMaxEntries() + ")");
      }
      List<ZipEntry> entries = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zf.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        safePath(into, entry.getName());
        entries.add(entry);
      }
      byte[] buffer = new byte[64 * 1024];
      for (ZipEntry entry : entries) {
        Path out = safePath(into, entry.getName());
        if (out == null || entry.isDirectory()) {
          if (out != null) {
            Files.createDirectories(out);
          }
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zf.getInputStream(entry);
            OutputStream os = Files.newOutputStream(out)) {
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            total += n;
            if (total > limits.uploadMaxUncompressedBytes()) {
              throw ApiFailure.badRequest(
                  "ZIP expands to more than " + limits.uploadMaxUncompressedBytes() + " bytes");
            }
            if (total > RATIO_FLOOR_BYTES && total / compressed > limits.uploadMaxRatio()) {
              throw ApiFailure.badRequest(
                  "ZIP compression ratio is over " + limits.uploadMaxRatio() + " (a zip bomb?)");
            }
            os.write(buffer, 0, n);
          }
        }
      }
    } catch (ZipException | IllegalArgumentException e) {
      throw ApiFailure.badRequest("Uploaded file is not a valid ZIP archive");
    }
    return total;
  }

  /**
   * Netty's multipart decoder can append the CR of the delimiter's CRLF to an uploaded file when a
   * network chunk ends between the CR and the LF (netty/netty#17383). Java reads a zip with entries
   * despite such a trailing byte, but not an empty one; so when the archive does not open and its
   * last byte is a CR, that byte is taken to be the decoder's and removed.
   */
  static void dropStrayCarriageReturn(Path zip) throws IOException {
    long size = Files.size(zip);
    if (size == 0) {
      return;
    }
    try (FileChannel ch =
        FileChannel.open(zip, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      if (last.get(0) != '\r' || opens(zip)) {
        return;
      }
      ch.truncate(size - 1);
    }
  }

  private static boolean opens(Path zip) {
    try (ZipFile ignored = new ZipFile(zip.toFile())) {
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The entry's path inside {@code into}; null for the root itself; 400 for anything that could
   * escape.
   */
  static Path safePath(Path into, String name) {
    if (name == null
        || name.indexOf('\\') >= 0
        || name.startsWith("/")
        || name.indexOf('\0') >= 0
        || name.matches("^[A-Za-z]:.*")) {
      throw ApiFailure.badRequest("ZIP contains unsafe file paths");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw ApiFailure.badRequest("ZIP contains unsafe file paths");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    Path out = into.resolve(String.join("/", parts)).normalize();
    if (!out.startsWith(into) || out.equals(into)) {
      throw ApiFailure.badRequest("ZIP contains unsafe file paths");
    }
    return out;
  }

  /**
   * An archive holding exactly one top-level folder (and nothing else) is that folder's dataset.
   */
  private static Path singleFolder(Path work) throws IOException {
    List<Path> top;
    try (Stream<Path> s = Files.list(work)) {
      top = s.toList();
    }
    if (top.isEmpty()) {
      throw ApiFailure.badRequest("Uploaded ZIP is empty");
    }
    return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : work;
  }
}
