package eu.opeva.coordinator.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A blocking {@link OutputStream} (for a worker thread) that writes into an HTTP response owned by
 * an event loop, chunk by chunk. At most {@link #IN_FLIGHT} chunks are queued: the writing thread
 * waits until the client has taken earlier ones, so a slow client slows the producer instead of
 * filling the heap. When the client goes away, or takes nothing for {@code idleTimeoutMs}, the next
 * write fails with an {@link IOException} and the producer stops.
 */
public final class ResponseOutputStream extends OutputStream {
  public static final int CHUNK = 64 * 1024;
  static final int IN_FLIGHT = 4;

  private final Context context;
  private final HttpServerResponse response;
  private final long idleTimeoutMs;
  private final Semaphore permits = new Semaphore(IN_FLIGHT);
  private final byte[] pending = new byte[CHUNK];
  private int count;
  private volatile boolean broken;
  private boolean closed;

  /** Create on the response's event loop (it registers a close handler there). */
  public ResponseOutputStream(Context context, HttpServerResponse response, long idleTimeoutMs) {
    this.context = context;
    this.response = response;
    this.idleTimeoutMs = idleTimeoutMs;
    response.closeHandler(
        v -> {
          broken = true;
          permits.release(IN_FLIGHT); // wake a producer waiting for room
        });
  }

  @Override
  public void write(int b) throws IOException {
    if (count == CHUNK) {
      send();
    }
    pending[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (count == CHUNK) {
        send();
      }
      int n = Math.min(len, CHUNK - count);
      System.arraycopy(b, off, pending, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  /** Whether the client is gone: a producer that reads much per chunk written can stop early. */
  public boolean isBroken() {
    return broken;
  }

  /** Sends what is buffered, then ends the response once every chunk is written. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    send();
    acquire(IN_FLIGHT);
    closed = true;
    context.runOnContext(v -> response.end());
  }

  /** Breaks the response (the client sees an incomplete transfer, not a clean end). */
  public void abort() {
    closed = true;
    broken = true;
    context.runOnContext(
        v -> {
          if (!response.ended() && !response.closed()) {
            response.reset();
          }
        });
  }

  private void send() throws IOException {
    if (count == 0) {
      return;
    }
    acquire(1);
    Buffer chunk = Buffer.buffer(count).appendBytes(pending, 0, count);
    count = 0;
    context.runOnContext(
        v ->
            response
                .write(chunk)
                .onComplete(
                    ar -> {
                      if (ar.failed()) {
                        broken = true;
                      }
                      permits.release();
                    }));
  }

  private void acquire(int n) throws IOException {
    try {
      if (!permits.tryAcquire(n, idleTimeoutMs, TimeUnit.MILLISECONDS)) {
        throw new IOException("the client took nothing for " + idleTimeoutMs + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the client");
    }
    if (broken) {
      throw new IOException("the client went away");
    }
  }
}
