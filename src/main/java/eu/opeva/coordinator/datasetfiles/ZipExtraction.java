package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.SafeNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracting an uploaded zip within the limits (entries, total size, compression ratio; sizes are
 * counted while writing, not taken from the archive's claims), with every entry path checked before
 * anything is written: it stays inside the folder, names are no longer than a file system takes,
 * and no path is both a file and a folder.
 */
final class ZipExtraction {
  private static final long RATIO_FLOOR_BYTES = 1L << 20;
  private static final int MAX_PATH_BYTES = 1024;

  private ZipExtraction() {}

  /**
   * Extracts {@code zip} into {@code into}, writing at most {@code room} bytes (the upload quota);
   * the number of bytes written, or a 400 (a 413 over the quota).
   */
  static long extract(Path zip, Path into, Settings.Datasets limits, long room) throws IOException {
    StrayCarriageReturn.drop(zip);
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
      Set<Path> files = new HashSet<>();
      Set<Path> folders = new HashSet<>();
      for (Enumeration<? extends ZipEntry> e = zf.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        Path out = safePath(into, entry.getName());
        if (out != null) {
          (entry.isDirectory() ? folders : files).add(out);
          for (Path p = out.getParent(); !p.equals(into); p = p.getParent()) {
            folders.add(p);
          }
        }
        entries.add(entry);
      }
      if (files.stream().anyMatch(folders::contains)) {
        throw ApiFailure.badRequest("ZIP has a path that is both a file and a folder");
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
            if (total > room) {
              throw UploadQuota.exceeded(limits.uploadQuotaBytes());
            }
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
   * The entry's path inside {@code into}; null for the root itself; 400 for anything that could
   * escape.
   */
  static Path safePath(Path into, String name) {
    if (name == null
        || name.indexOf('\\') >= 0
        || name.startsWith("/")
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
        || !SafeNames.isWellFormed(name)
        || name.matches("^[A-Za-z]:.*")) {
      throw ApiFailure.badRequest("ZIP contains unsafe file paths");
    }
    if (SafeNames.utf8Length(name) > MAX_PATH_BYTES) {
      throw ApiFailure.badRequest("ZIP has a path longer than " + MAX_PATH_BYTES + " bytes");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw ApiFailure.badRequest("ZIP contains unsafe file paths");
      }
      if (SafeNames.utf8Length(part) > SafeNames.MAX_NAME_BYTES) {
        throw ApiFailure.badRequest(
            "ZIP has a file or folder name longer than " + SafeNames.MAX_NAME_BYTES + " bytes");
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
}
