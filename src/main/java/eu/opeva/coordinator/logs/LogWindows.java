package eu.opeva.coordinator.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Byte windows of a log that may be growing while it is read: everything is computed against one
 * size taken when the file was opened, so a window never includes a half-written tail twice.
 * Blocking; call only from the I/O pool.
 */
final class LogWindows {
  private static final int BLOCK = 64 * 1024;

  private LogWindows() {}

  /** The JSON chunk view: decoded text, where to continue, and whether more bytes were left. */
  record Chunk(String text, long nextOffset, boolean truncated) {}

  /**
   * Where the last {@code lines} lines of {@code [floor, size)} start. A newline that ends the file
   * ends the last line rather than starting an empty one (as {@code tail -n} counts).
   */
  static long tailStart(FileChannel ch, long size, int lines, long floor) throws IOException {
    if (lines <= 0) {
      return size;
    }
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    int seen = 0;
    for (long end = size; end > floor; ) {
      int len = (int) Math.min(BLOCK, end - floor);
      long from = end - len;
      int got = readAt(ch, buf, from, len);
      for (int i = got - 1; i >= 0; i--) {
        if (buf.get(i) == '\n' && from + i != size - 1 && ++seen == lines) {
          return from + i + 1;
        }
      }
      end = from;
    }
    return floor;
  }

  /** The last {@code lines} lines, or the last {@code maxBytes} bytes when those are longer. */
  static Chunk tail(FileChannel ch, long size, int lines, int maxBytes) throws IOException {
    long start = tailStart(ch, size, lines, Math.max(0, size - maxBytes));
    byte[] bytes = read(ch, start, (int) (size - start));
    // A window cut by maxBytes may begin inside a character: start at the next whole one.
    int skip = 0;
    while (skip < Math.min(3, bytes.length) && (bytes[skip] & 0xC0) == 0x80) {
      skip++;
    }
    int keep = wholeCharacters(bytes, bytes.length);
    String text = keep > skip ? new String(bytes, skip, keep - skip, StandardCharsets.UTF_8) : "";
    return new Chunk(text, start + Math.max(keep, skip), start + skip > 0);
  }

  /** Up to {@code maxBytes} from {@code offset}; an offset at or past the end resets to the end. */
  static Chunk delta(FileChannel ch, long size, long offset, int maxBytes) throws IOException {
    if (offset >= size) {
      return new Chunk("", size, false);
    }
    int len = (int) Math.min(maxBytes, size - offset);
    byte[] bytes = read(ch, offset, len);
    int keep = wholeCharacters(bytes, bytes.length);
    return new Chunk(
        new String(bytes, 0, keep, StandardCharsets.UTF_8), offset + keep, offset + len < size);
  }

  /**
   * The length of {@code b[0, n)} without a multi-byte UTF-8 sequence cut off at its end, so the
   * next window starts on that character instead of splitting it into two replacement marks.
   */
  static int wholeCharacters(byte[] b, int n) {
    for (int back = 1; back <= Math.min(3, n); back++) {
      int v = b[n - back] & 0xFF;
      if ((v & 0xC0) == 0x80) {
        continue;
      }
      int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }

  private static byte[] read(FileChannel ch, long from, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    int got = readAt(ch, buf, from, len);
    byte[] out = new byte[got];
    buf.get(0, out);
    return out;
  }

  /** Reads up to {@code len} bytes at {@code from}; fewer only if the file shrank meanwhile. */
  private static int readAt(FileChannel ch, ByteBuffer buf, long from, int len) throws IOException {
    buf.clear().limit(len);
    while (buf.hasRemaining()) {
      if (ch.read(buf, from + buf.position()) < 0) {
        break;
      }
    }
    return buf.position();
  }
}
