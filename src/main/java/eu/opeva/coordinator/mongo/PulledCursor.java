package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;

/**
 * A paused {@code findBatch} stream read one batch per request: the reader pulls, so at most one
 * batch is ever held here whatever the size of the collection. Event-loop confined.
 */
final class PulledCursor {
  private final ReadStream<JsonObject> stream;
  private final int batchSize;
  private JsonArray pending = new JsonArray();
  private Promise<JsonObject> waiting;
  private boolean ended;
  private Throwable failure;
  long lastUsed;

  PulledCursor(ReadStream<JsonObject> stream, int batchSize, long now) {
    this.stream = stream;
    this.batchSize = batchSize;
    this.lastUsed = now;
    stream.pause();
    stream.exceptionHandler(this::failed);
    stream.endHandler(v -> ended());
    stream.handler(this::received);
  }

  /** The next batch: {@code {docs: [...], done}}; {@code done} is true on the last one. */
  Future<JsonObject> next(long now) {
    lastUsed = now;
    if (waiting != null) {
      return Future.failedFuture(ApiFailure.conflict("Cursor is already being read"));
    }
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    waiting = Promise.promise();
    Future<JsonObject> result = waiting.future();
    if (ended || pending.size() >= batchSize) {
      flush();
    } else {
      stream.fetch(batchSize - pending.size());
    }
    return result;
  }

  void close() {
    if (!ended) {
      ended = true;
      stream.handler(null);
    }
    if (waiting != null) {
      waiting.tryFail(new ApiFailure(410, "Cursor closed"));
      waiting = null;
    }
  }

  private void received(JsonObject doc) {
    pending.add(doc);
    if (waiting != null && pending.size() >= batchSize) {
      flush();
    }
  }

  private void ended() {
    ended = true;
    if (waiting != null) {
      flush();
    }
  }

  private void failed(Throwable err) {
    failure = MongoFailures.toApi(err);
    ended = true;
    if (waiting != null) {
      waiting.tryFail(failure);
      waiting = null;
    }
  }

  private void flush() {
    JsonArray docs = pending;
    pending = new JsonArray();
    Promise<JsonObject> reply = waiting;
    waiting = null;
    reply.complete(new JsonObject().put("docs", docs).put("done", ended && pending.isEmpty()));
  }
}
