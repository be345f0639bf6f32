package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a future from an export worker thread (never from an event loop). */
final class Blocking {
  static final long TIMEOUT_SECONDS = 300;

  private Blocking() {}

  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw new ApiFailure(503, "MongoDB did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiFailure(503, "Export interrupted");
    }
  }
}
