package eu.opeva.coordinator.logs;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Sends one log file's bytes to one response, in order and exactly once each, reading only as fast
 * as the client takes them (at most one chunk in flight, and none while the write queue is full).
 * While following, {@link #grewTo} extends the range; {@link #finish} ends the response once the
 * bytes present at that moment are sent. Each chunk is written from the memory it was read into and
 * released once written. Runs on the event loop of the request.
 */
final class LogSender {
  private final LogReads.Open file;
  private final HttpServerResponse response;
  private final Runnable onClose;
  private long position;
  private long available;
  private boolean following;
  private boolean reading;
  private boolean closed;

  LogSender(
      LogReads.Open file,
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
    int len = (int) Math.min(LogReads.CHUNK, available - position);
    file.read(position, len)
        .onComplete(
            ar -> {
              reading = false;
              LogReads.Chunk chunk = ar.succeeded() ? ar.result() : null;
              if (closed) {
                release(chunk);
                return;
              }
              if (chunk == null || chunk.length() == 0) {
                // The promised bytes cannot be read (the file shrank or failed): break the transfer
                // so the client sees an incomplete response rather than a clean end.
                release(chunk);
                response.reset();
                close(false);
                return;
              }
              position += chunk.length();
              response.write(BufferInternal.buffer(chunk.bytes())).onComplete(v -> chunk.release());
              pump();
            });
  }

  private static void release(LogReads.Chunk chunk) {
    if (chunk != null) {
      chunk.release();
    }
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
