package eu.opeva.coordinator.http;

import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link ZipSource} as a chunked response, built while it is sent: each step of the zip
 * runs on a pool, and the next one is started only when the response can take more (its write queue
 * is not full, or it drained). A client that stops reading therefore holds about one chunk of
 * memory and no thread; one that takes nothing for {@link #STALL_MS} is dropped, and one that
 * leaves frees everything at once. If a step fails the connection is reset, so the client sees a
 * broken transfer rather than a valid but incomplete zip. Runs on the event loop of the request.
 */
public final class ZipResponse {
  public static final long STALL_MS = 120_000;
  private static final Logger LOG = LoggerFactory.getLogger(ZipResponse.class);

  private final Vertx vertx;
  private final BlockingIo pool;
  private final HttpServerResponse response;
  private final ZipSource source;
  private final String what;
  private boolean stepping;
  private boolean gone;
  private boolean released;
  private long stallTimer = -1;

  private ZipResponse(
      Vertx vertx, BlockingIo pool, HttpServerResponse response, ZipSource source, String what) {
    this.vertx = vertx;
    this.pool = pool;
    this.response = response;
    this.source = source;
    this.what = what;
  }

  /**
   * Starts sending; the caller has set the status and headers. {@code what} names the download in
   * the log. Call on the event loop of the request.
   */
  public static void send(
      BlockingIo pool, HttpServerResponse response, ZipSource source, String what) {
    new ZipResponse(pool.vertx(), pool, response, source, what).start();
  }

  private void start() {
    response.setChunked(true);
    response.closeHandler(
        v -> {
          gone = true;
          if (!stepping) {
            release();
          }
        });
    step();
  }

  private void step() {
    stepping = true;
    pool.run(source::next).onComplete(this::stepped);
  }

  private void stepped(AsyncResult<Buffer> step) {
    stepping = false;
    if (gone) {
      release();
    } else if (step.failed()) {
      LOG.info("{} not completed: {}", what, step.cause().toString());
      abort();
    } else if (step.result() == null) {
      response.end();
      release();
    } else {
      if (step.result().length() > 0) {
        response.write(step.result());
      }
      if (response.writeQueueFull()) {
        awaitRoom();
      } else {
        step();
      }
    }
  }

  /** The client has not taken what was sent: nothing runs until it does, or it is dropped. */
  private void awaitRoom() {
    stallTimer =
        vertx.setTimer(
            STALL_MS,
            id -> {
              LOG.info("{} dropped: the client took nothing for {} ms", what, STALL_MS);
              abort();
            });
    response.drainHandler(
        v -> {
          response.drainHandler(null);
          vertx.cancelTimer(stallTimer);
          if (!gone) {
            step();
          }
        });
  }

  private void abort() {
    gone = true;
    if (!response.ended() && !response.closed()) {
      response.reset();
    }
    release();
  }

  private void release() {
    if (released) {
      return;
    }
    released = true;
    vertx.cancelTimer(stallTimer);
    if (source.holdsResources()) {
      pool.run(
          () -> {
            source.close();
            return null;
          });
    }
  }
}
