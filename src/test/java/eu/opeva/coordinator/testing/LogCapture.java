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
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

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

  @Override
  public void close() {
    System.setErr(original);
  }
}
