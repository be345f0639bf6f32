package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Saves a download to a file, through {@code <file>.part} renamed at the end, so an interrupted
 * download never leaves a file that looks whole. A {@code .part} left by an earlier try is resumed
 * with a Range request where the coordinator honours it (206); the coordinator builds its zips
 * while it sends them and answers such a request with the whole zip (200), so then the download
 * starts again, and says so. A zip is checked before it is kept.
 */
final class Downloads {
  private Downloads() {}

  /** Where it went, its size and, for a zip, its number of entries (else -1). */
  record Saved(Path file, long bytes, int entries) {
    JsonObject toJson() {
      JsonObject j = new JsonObject().put("file", file.toString()).put("bytes", bytes);
      return entries >= 0 ? j.put("entries", entries) : j;
    }
  }

  static Saved save(ClientOptions client, Api.Request request, Path target, String label) {
    return save(client, request, target, null, label);
  }

  /** As {@link #save}; an answer that is not a zip is saved as {@code ifNotZip} when given. */
  static Saved save(
      ClientOptions client, Api.Request request, Path target, Path ifNotZip, String label) {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    long have = size(part);
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    try (Api.Streamed s = request.stream()) {
      boolean resumed = have > 0 && s.status() == 206 && resumesAt(s.header("Content-Range"), have);
      if (have > 0 && !resumed) {
        client
            .out()
            .warn(
                "the coordinator does not resume this download (no Range support): starting again");
        have = 0;
      }
      long length = parseLong(s.header("Content-Length"));
      long total = length < 0 ? -1 : have + length;
      long got = copy(client, s.body(), part, resumed, have, total, label);
      String type = s.header("Content-Type");
      boolean zip = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/zip");
      Path file = zip || ifNotZip == null ? target : ifNotZip;
      int entries = zip ? entries(part) : -1;
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Saved(file, got, entries);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.UNAVAILABLE,
          "the download broke after " + size(part) + " bytes (kept in " + part + "): " + e,
          e);
    }
  }

  /** Writes the body to stdout, unchecked. */
  static long toStdout(ClientOptions client, Api.Request request, String label) {
    try (Api.Streamed s = request.stream()) {
      return pump(
          client, s.body(), client.out().stdout(), 0, parseLong(s.header("Content-Length")), label);
    } catch (IOException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "the download broke: " + e, e);
    }
  }

  private static long copy(
      ClientOptions client,
      InputStream in,
      Path part,
      boolean append,
      long have,
      long total,
      String label)
      throws IOException {
    Files.createDirectories(part.toAbsolutePath().getParent());
    try (OutputStream file =
        Files.newOutputStream(
            part,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      return pump(client, in, file, have, total, label);
    }
  }

  private static long pump(
      ClientOptions client, InputStream in, OutputStream to, long have, long total, String label)
      throws IOException {
    long done = have;
    // MiB for what is known to be large; KiB else (a zip built as it is sent has no length).
    boolean large = total >= 1 << 20;
    try (Progress bar =
        client.progress(label, total, large ? "MiB" : "KiB", large ? 1 << 20 : 1 << 10)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        to.write(buf, 0, n);
        done += n;
        bar.to(done, null);
      }
      to.flush();
      if (total < 0) {
        // A zip built while it is sent has no length: once it is all here, the bar ends full.
        bar.max(done);
        bar.to(done, null);
      }
    }
    return done;
  }

  private static int entries(Path zip) {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      return z.size();
    } catch (IOException e) {
      try {
        Files.deleteIfExists(zip);
      } catch (IOException ignored) {
        // reported below
      }
      throw CliException.failed(
          "the download is not a valid zip (" + e.getMessage() + "); try again");
    }
  }

  private static boolean resumesAt(String contentRange, long have) {
    return contentRange != null && contentRange.startsWith("bytes " + have + "-");
  }

  private static long parseLong(String v) {
    try {
      return v == null ? -1 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long size(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** "3.4 MiB", "812 KiB", "97 B". */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1 << 20) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1 << 20));
  }
}
