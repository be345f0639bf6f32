package eu.opeva.coordinator.dataset;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An OutputStream, used from a worker thread, that writes to an HTTP response in chunks and waits
 * while the response's write queue is full: memory stays at a chunk or two per download however big
 * the archive, and a slow client slows the producer instead of filling the heap. Fails once the
 * client has gone or stayed stalled for {@link #STALL_SECONDS}.
 */
final class ResponseOutputStream extends OutputStream {
  static final int CHUNK = 64 * 1024;
  static final long STALL_SECONDS = 300;

  private final Context context;
  private final HttpServerResponse response;
  private final Semaphore writable = new Semaphore(0);
  private volatile boolean closedByPeer;
  private byte[] chunk = new byte[CHUNK];
  private int filled;

  ResponseOutputStream(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
    context.runOnContext(v -> response.closeHandler(x -> {
      closedByPeer = true;
      writable.release();
    }));
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == chunk.length) {
      send();
    }
    chunk[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (filled == chunk.length) {
        send();
      }
      int n = Math.min(len, chunk.length - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    if (filled > 0) {
      send();
    }
  }

  private void send() throws IOException {
    if (closedByPeer) {
      throw new IOException("client closed the connection");
    }
    Buffer data = Buffer.buffer(filled == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, filled));
    chunk = new byte[CHUNK];
    filled = 0;
    context.runOnContext(v -> {
      if (closedByPeer) {
        writable.release();
        return;
      }
      response.write(data);
      if (response.writeQueueFull()) {
        response.drainHandler(x -> writable.release());
      } else {
        writable.release();
      }
    });
    try {
      if (!writable.tryAcquire(STALL_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("client stopped reading");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (closedByPeer) {
      throw new IOException("client closed the connection");
    }
  }

  /** Sends what is left and ends the response. */
  @Override
  public void close() throws IOException {
    flush();
    context.runOnContext(v -> {
      if (!closedByPeer) {
        response.end();
      }
    });
  }
}
