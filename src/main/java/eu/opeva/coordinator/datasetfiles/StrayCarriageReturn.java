package eu.opeva.coordinator.datasetfiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipFile;

/** A trailing CR that Netty's multipart decoder may add to an uploaded zip. */
final class StrayCarriageReturn {
  private StrayCarriageReturn() {}

  /**
   * Netty's multipart decoder can append the CR of the delimiter's CRLF to an uploaded file when a
   * network chunk ends between the CR and the LF (netty/netty#17383). Java reads a zip with entries
   * despite such a trailing byte, but not an empty one; so when the archive does not open and its
   * last byte is a CR, that byte is taken to be the decoder's and removed.
   */
  static void drop(Path zip) throws IOException {
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
}
