package eu.opeva.coordinator.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Large files that cost next to no disk, for downloads of realistic size. */
public final class LargeFiles {
  private static final long MIB = 1L << 20;

  private LargeFiles() {}

  /**
   * Writes a sparse file of {@code size} bytes (zeros) with a numbered mark at the start of every
   * MiB and {@code end!} as its last line, so that a copy with bytes lost, repeated or out of order
   * differs from it. Returns {@code file}.
   */
  public static Path sparseWithMarks(Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(size);
      for (long at = 0; at + 64 < size; at += MIB) {
        out.seek(at);
        out.write(("mark " + at / MIB + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.seek(size - 5);
      out.write("end!\n".getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }
}
