package eu.opeva.coordinator.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the coordinator logs while a test runs: Logback's console appender (logback.xml) writes to
 * the current {@code System.err}, which this replaces with a copy that also keeps the lines;
 * closing puts the original back. Tests run one at a time in their JVM, so the lines are the
 * coordinator's.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final Kept kept = new Kept();

  /** The bytes logged, readable from a mark without copying what came before it. */
  private static final class Kept extends ByteArrayOutputStream {
    String from(int mark) {
      return new String(buf, mark, count - mark, StandardCharsets.UTF_8);
    }
  }

  private LogCapture() {}

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    System.setErr(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                capture.original.write(b);
                synchronized (capture.kept) {
                  capture.kept.write(b);
                }
              }

              @Override
              public void write(byte[] b, int off, int len) {
                capture.original.write(b, off, len);
                synchronized (capture.kept) {
                  capture.kept.write(b, off, len);
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
    return capture;
  }

  /** Everything logged so far. */
  public String text() {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }

  /** How many bytes were logged so far (a mark for {@link #textFrom}). */
  public int size() {
    synchronized (kept) {
      return kept.size();
    }
  }

  /** What was logged since {@code mark} (a {@link #size} taken earlier). */
  public String textFrom(int mark) {
    synchronized (kept) {
      return kept.from(mark);
    }
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
