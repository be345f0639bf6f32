package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.http.ZipSource.Entry;
import eu.opeva.coordinator.testing.LargeFiles;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A zip made in steps is byte for byte the zip written in one go")
class ZipSourceTest {
  static final ZipSource.Style TIMES_SKIP = new ZipSource.Style(true, true);
  @TempDir Path dir;

  @Test
  @DisplayName("random, empty, highly compressible and cut-off files: the same bytes, small steps")
  void sameBytes() throws Exception {
    byte[] noise = new byte[300 * 1024 + 17];
    new Random(7).nextBytes(noise);
    Path random = Files.write(dir.resolve("random.bin"), noise);
    Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
    Path zeros = LargeFiles.sparseWithMarks(dir.resolve("zeros.log"), 40L << 20);
    Path grown = Files.writeString(dir.resolve("grown.log"), "listed\nwritten later\n");
    List<Entry> entries =
        List.of(
            new Entry(random, "job/random.bin", noise.length),
            new Entry(empty, "job/empty.txt", 0),
            new Entry(zeros, "job/zeros.log", Files.size(zeros)),
            new Entry(grown, "job/grown.log", "listed\n".length()));

    List<Buffer> steps = new ArrayList<>();
    try (ZipSource source = new ZipSource(entries, TIMES_SKIP)) {
      for (Buffer b; (b = source.next()) != null; ) {
        steps.add(b);
      }
      assertThat(source.holdsResources()).isFalse();
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    steps.forEach(b -> joined.writeBytes(b.getBytes()));
    assertThat(joined.toByteArray()).isEqualTo(oneGo(entries, true));
    assertThat(steps).hasSizeGreaterThan(5);
    assertThat(steps).allMatch(b -> b.length() <= 2 * ZipSource.CHUNK + 1024);
  }

  @Test
  @DisplayName("a vanished file is left out or fails the zip, as the style says")
  void vanished() throws Exception {
    Path kept = Files.writeString(dir.resolve("kept.csv"), "a,b\n");
    List<Entry> entries =
        List.of(
            new Entry(dir.resolve("gone.csv"), "gone.csv", Entry.ALL),
            new Entry(kept, "kept.csv", Entry.ALL));
    ByteArrayOutputStream skipped = new ByteArrayOutputStream();
    try (ZipSource source = new ZipSource(entries, TIMES_SKIP)) {
      for (Buffer b; (b = source.next()) != null; ) {
        skipped.writeBytes(b.getBytes());
      }
    }
    assertThat(skipped.toByteArray()).isEqualTo(oneGo(entries.subList(1, 2), true));
    try (ZipSource strict = new ZipSource(entries, new ZipSource.Style(false, false))) {
      assertThatThrownBy(strict::next).isInstanceOf(NoSuchFileException.class);
      assertThat(strict.holdsResources()).isTrue();
    }
  }

  /** The zip as the one-pass writer made it: 64 KiB reads, each file up to its listed size. */
  private static byte[] oneGo(List<Entry> entries, boolean times) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_SPEED);
      byte[] buf = new byte[64 * 1024];
      for (Entry e : entries) {
        try (InputStream in = Files.newInputStream(e.file())) {
          ZipEntry entry = new ZipEntry(e.name());
          if (times) {
            entry.setLastModifiedTime(Files.getLastModifiedTime(e.file()));
          }
          zip.putNextEntry(entry);
          long left = e.size() < 0 ? Long.MAX_VALUE : e.size();
          for (int n;
              left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0;
              left -= n) {
            zip.write(buf, 0, n);
          }
          zip.closeEntry();
        }
      }
    }
    return out.toByteArray();
  }
}
