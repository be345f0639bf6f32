package eu.opeva.coordinator.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BlockingIo.await on the export worker threads")
class ExportThreadAwaitTest {
  static Vertx vertx;
  static WorkerExecutor pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = vertx.createSharedWorkerExecutor(DatasetVerticle.EXPORT_POOL, 2, 1, TimeUnit.MINUTES);
  }

  @AfterAll
  static void stop() {
    TestCoordinator.await(pool.close());
    TestCoordinator.await(vertx.close());
  }

  /** Runs the task on an export thread and gives its result, or what it threw as a value. */
  static Object onExportThread(java.util.concurrent.Callable<Object> task) {
    return TestCoordinator.await(
        pool.executeBlocking(
            () -> {
              try {
                return task.call();
              } catch (RuntimeException e) {
                return e;
              }
            },
            false));
  }

  /** A future completed by the event loop after a delay. */
  static <T> Future<T> later(long ms, T value, RuntimeException failure) {
    Promise<T> p = Promise.promise();
    vertx.setTimer(
        ms,
        id -> {
          if (failure == null) {
            p.complete(value);
          } else {
            p.fail(failure);
          }
        });
    return p.future();
  }

  @Test
  @DisplayName("waits for a future completed later on the event loop")
  void waits() {
    Object result =
        onExportThread(
            () -> {
              assertThat(Thread.currentThread().getName()).startsWith(DatasetVerticle.EXPORT_POOL);
              return BlockingIo.await(later(50, "done", null), Duration.ofSeconds(10));
            });
    assertThat(result).isEqualTo("done");
  }

  @Test
  @DisplayName("rethrows the future's failure as it is")
  void rethrows() {
    ApiFailure failure = ApiFailure.notFound("No such site");
    Object result =
        onExportThread(() -> BlockingIo.await(later(20, null, failure), Duration.ofSeconds(10)));
    assertThat(result).isSameAs(failure);
  }

  @Test
  @DisplayName("a future that does not complete in time is a 503")
  void timesOut() {
    Object result =
        onExportThread(() -> BlockingIo.await(Promise.promise().future(), Duration.ofMillis(100)));
    assertThat(result).isInstanceOf(ApiFailure.class);
    assertThat(((ApiFailure) result).status()).isEqualTo(503);
  }

  @Test
  @DisplayName("refuses to wait on an event loop")
  void refusesEventLoop() {
    Promise<Object> seen = Promise.promise();
    vertx.runOnContext(
        v -> {
          try {
            seen.complete(BlockingIo.await(Future.succeededFuture("x"), Duration.ofSeconds(1)));
          } catch (RuntimeException e) {
            seen.complete(e);
          }
        });
    assertThat(TestCoordinator.await(seen.future())).isInstanceOf(IllegalStateException.class);
  }
}
