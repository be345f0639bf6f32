package eu.opeva.coordinator.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The named worker pool ("nfs-io") for blocking shared-storage work. Tasks submitted under the same
 * key run one after the other in submission order (writes for one job are applied in order); tasks
 * of different keys run in parallel. Submit keyed tasks from a single context (the owning
 * verticle).
 */
public final class BlockingIo {
  public static final String POOL = "nfs-io";

  private final WorkerExecutor executor;
  private final Map<String, Future<?>> tails = new HashMap<>();

  public BlockingIo(Vertx vertx, int threads) {
    this.executor = vertx.createSharedWorkerExecutor(POOL, threads, 5, TimeUnit.MINUTES);
  }

  /** Runs a blocking task with no ordering guarantee. */
  public <T> Future<T> run(Callable<T> task) {
    return executor.executeBlocking(task, false);
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
