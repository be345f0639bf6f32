package eu.opeva.coordinator.http;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip of files produced in steps (deflate, fastest level; ZIP64 when needed): each {@link #next}
 * reads on from where the last one stopped and returns the bytes of the zip made meanwhile, about
 * one {@link #CHUNK}. Between steps it holds one open file, its buffers and the deflater, and no
 * thread. Blocking, one step at a time (steps may run on different threads, one after the other).
 */
public final class ZipSource implements AutoCloseable {
  public static final int CHUNK = 64 * 1024;

  /** A step stops after reading this much, even if the deflater gave little (compressible data). */
  static final long STEP_INPUT = 8L * 1024 * 1024;

  /**
   * A file to pack under {@code name}: its first {@code size} bytes, or all of it ({@link #ALL}).
   */
  public record Entry(Path file, String name, long size) {
    public static final long ALL = -1;
  }

  /**
   * How entries are written: whether each carries its file's modification time (else the time of
   * packing), and whether a file that cannot be opened any more is left out (else the zip fails).
   */
  public record Style(boolean modificationTimes, boolean skipVanished) {}

  private final Iterator<Entry> entries;
  private final Style style;
  private final Sink sink = new Sink();
  private final Zip zip = new Zip(sink);
  private final byte[] buffer = new byte[CHUNK];
  private InputStream in;
  private long left;
  private boolean finished;
  private boolean closed;

  public ZipSource(List<Entry> entries, Style style) {
    this.entries = List.copyOf(entries).iterator();
    this.style = style;
    zip.setLevel(Deflater.BEST_SPEED);
  }

  /**
   * The next bytes of the zip (possibly none yet, when a step read much and deflated it into
   * little), or null once the zip is complete. A failure leaves the zip incomplete: close it.
   */
  public Buffer next() throws IOException {
    if (closed) {
      throw new IOException("the zip was closed");
    }
    if (finished) {
      return null;
    }
    long read = 0;
    while (sink.count < CHUNK && read < STEP_INPUT) {
      if (in == null && !openNext()) {
        zip.close();
        finished = true;
        break;
      }
      int want = (int) (left < 0 ? buffer.length : Math.min(buffer.length, left));
      int n = want == 0 ? -1 : in.read(buffer, 0, want);
      if (n <= 0) {
        closeEntry();
        continue;
      }
      zip.write(buffer, 0, n);
      read += n;
      if (left > 0) {
        left -= n;
      }
    }
    return sink.take();
  }

  private boolean openNext() throws IOException {
    while (entries.hasNext()) {
      Entry entry = entries.next();
      try {
        in = Files.newInputStream(entry.file(), LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        if (style.skipVanished()) {
          continue; // deleted, or replaced by a link, since it was listed
        }
        throw e;
      }
      ZipEntry zipEntry = new ZipEntry(entry.name());
      if (style.modificationTimes()) {
        zipEntry.setLastModifiedTime(Files.getLastModifiedTime(entry.file()));
      }
      zip.putNextEntry(zipEntry);
      left = entry.size();
      return true;
    }
    return false;
  }

  private void closeEntry() throws IOException {
    InputStream done = in;
    in = null;
    done.close();
    zip.closeEntry();
  }

  /** Releases the open file and the deflater; an unfinished zip stays unfinished. Blocking. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    zip.discard();
    if (in != null) {
      in.close();
    }
  }

  /** Whether {@link #close} has work to do (an open file or a deflater). */
  public boolean holdsResources() {
    return !closed && !finished;
  }

  /** Frees the deflater of an unfinished zip at once instead of at garbage collection. */
  private static final class Zip extends ZipOutputStream {
    Zip(OutputStream out) {
      super(out);
    }

    void discard() {
      def.end();
    }
  }

  /** Collects what the zip writes until a step takes it. */
  private static final class Sink extends OutputStream {
    private byte[] bytes = new byte[2 * CHUNK];
    private int count;

    @Override
    public void write(int b) {
      room(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      room(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void room(int more) {
      if (count + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }

    Buffer take() {
      Buffer taken = Buffer.buffer(count).appendBytes(bytes, 0, count);
      count = 0;
      return taken;
    }
  }
}
