package eu.opeva.coordinator.storage;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one helper for blocking work: a named worker pool (by default "nfs-io", for shared-storage
 * work). Tasks submitted under the same key run one after the other in submission order (writes for
 * one job are applied in order); tasks of different keys run in parallel. Submit keyed tasks from a
 * single context (the owning verticle).
 */
public final class BlockingIo {
  public static final String POOL = "nfs-io";

  private final Vertx vertx;
  private final WorkerExecutor executor;
  private final Map<String, Future<?>> tails = new HashMap<>();

  public BlockingIo(Vertx vertx, int threads) {
    this(vertx, POOL, threads);
  }

  /** A pool of its own (shared by every instance created with the same name). */
  public BlockingIo(Vertx vertx, String pool, int threads) {
    this.vertx = vertx;
    this.executor = vertx.createSharedWorkerExecutor(pool, threads, 5, TimeUnit.MINUTES);
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Waits for a future from a thread that may block: a worker thread (a task of a worker pool), a
   * virtual thread or a thread of its own; never an event loop (refused with an {@code
   * IllegalStateException}). A timeout fails with 503; the failure of the future is rethrown as it
   * is when unchecked.
   *
   * <p>Vert.x's {@code Future.await} refuses Vert.x worker threads (it can only suspend virtual
   * threads), so on those the wait is a plain blocking wait for the future's completion.
   */
  public static <T> T await(Future<T> future, Duration timeout) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("BlockingIo.await must not be called on an event loop");
    }
    try {
      if (Context.isOnWorkerThread()) {
        return future
            .toCompletionStage()
            .toCompletableFuture()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return future.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw unchecked(e.getCause());
    } catch (TimeoutException e) {
      throw ApiFailure.unavailable(
          "A request did not complete within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiFailure.unavailable("Interrupted while waiting for a request");
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RuntimeException unchecked(Throwable cause) {
    return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
  }

  /** Runs a blocking task with no ordering guarantee. */
  public <T> Future<T> run(Callable<T> task) {
    return executor.executeBlocking(task, false);
  }

  /** A blocking step applied to one item of a batch. */
  @FunctionalInterface
  public interface ItemTask<T, R> {
    R apply(T item) throws Exception;
  }

  /**
   * Applies a blocking task to every item, in batches of {@code batch} items that run in parallel
   * over the pool (as many at once as it has threads); the results in the items' order, whatever
   * order the batches finished in. The first failure fails the whole.
   */
  public <T, R> Future<List<R>> runEach(List<T> items, int batch, ItemTask<T, R> task) {
    List<Future<List<R>>> batches = new ArrayList<>();
    for (int from = 0; from < items.size(); from += batch) {
      List<T> slice = items.subList(from, Math.min(items.size(), from + batch));
      batches.add(
          run(
              () -> {
                List<R> out = new ArrayList<>(slice.size());
                for (T item : slice) {
                  out.add(task.apply(item));
                }
                return out;
              }));
    }
    return Future.all(batches)
        .map(
            all -> {
              List<R> out = new ArrayList<>(items.size());
              batches.forEach(b -> out.addAll(b.result()));
              return out;
            });
  }

  /** Runs a blocking task after every earlier task of the same key has finished. */
  public <T> Future<T> runInOrder(String key, Callable<T> task) {
    return inOrder(key, () -> run(task));
  }

  /**
   * Starts an asynchronous step (which may run several blocking tasks in parallel) after every
   * earlier step of the same key has finished; later steps of the key wait for this one.
   */
  public <T> Future<T> inOrder(String key, java.util.function.Supplier<Future<T>> step) {
    Future<?> tail = tails.get(key);
    Future<T> next = tail == null ? step.get() : tail.transform(ignored -> step.get());
    tails.put(key, next);
    next.onComplete(ar -> tails.remove(key, next));
    return next;
  }

  /** Completes when every keyed task submitted so far has finished. */
  public Future<Void> drain() {
    return Future.join(tails.values().stream().map(f -> (Future<?>) f).toList()).mapEmpty();
  }

  public Future<Void> close() {
    return executor.close();
  }
}
