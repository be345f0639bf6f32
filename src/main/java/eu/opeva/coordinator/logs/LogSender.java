package eu.opeva.coordinator.logs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpServerResponse;

/**
 * Sends one log file's bytes to one response, in order and exactly once each, reading only as fast
 * as the client takes them (at most one chunk in flight, and none while the write queue is full).
 * While following, {@link #grewTo} extends the range; {@link #finish} ends the response once the
 * bytes present at that moment are sent. Runs on the event loop of the request.
 */
final class LogSender {
  static final int CHUNK = 64 * 1024;

  private final AsyncFile file;
  private final HttpServerResponse response;
  private final Runnable onClose;
  private long position;
  private long available;
  private boolean following;
  private boolean reading;
  private boolean closed;

  LogSender(
      AsyncFile file,
      HttpServerResponse response,
      long start,
      long size,
      boolean follow,
      Runnable onClose) {
    this.file = file;
    this.response = response;
    this.position = start;
    this.available = size;
    this.following = follow;
    this.onClose = onClose;
    response.closeHandler(v -> close(false));
    response.exceptionHandler(err -> close(false));
  }

  void start() {
    pump();
  }

  /** The file is now {@code size} bytes long; a shorter file was truncated or replaced, so stop. */
  void grewTo(long size) {
    if (size < position) {
      close(true);
      return;
    }
    available = Math.max(available, size);
    pump();
  }

  /**
   * No more growth is expected: send what the file holds now (its size is {@code size}), then end.
   */
  void finish(long size) {
    following = false;
    grewTo(size);
  }

  /** The file can no longer be read. */
  void gone() {
    close(true);
  }

  boolean isClosed() {
    return closed;
  }

  private void pump() {
    if (closed || reading) {
      return;
    }
    if (position >= available) {
      if (!following) {
        close(true);
      }
      return;
    }
    if (response.writeQueueFull()) {
      response.drainHandler(v -> pump());
      return;
    }
    reading = true;
    int len = (int) Math.min(CHUNK, available - position);
    file.read(Buffer.buffer(len), 0, position, len)
        .onComplete(
            ar -> {
              reading = false;
              if (closed) {
                return;
              }
              if (ar.failed() || ar.result().length() == 0) {
                // The promised bytes cannot be read (the file shrank or failed): break the transfer
                // so the
                // client sees an incomplete response rather than a clean end.
                response.reset();
                close(false);
                return;
              }
              position += ar.result().length();
              response.write(ar.result());
              pump();
            });
  }

  private void close(boolean endResponse) {
    if (closed) {
      return;
    }
    closed = true;
    if (endResponse && !response.ended() && !response.closed()) {
      response.end();
    }
    file.close();
    onClose.run();
  }
}
