package eu.opeva.coordinator.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The agent's blocking work (process spawning, signals, log and spool files) on its own worker
 * pool, with results delivered back on the agent's event loop. Nothing here waits for a process to
 * end.
 */
final class AgentIo {
  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor pool;

  AgentIo(Vertx vertx, Context context, String workerId) {
    this.vertx = vertx;
    this.context = context;
    this.pool = vertx.createSharedWorkerExecutor("opeva-agent-" + workerId, 4, 2, TimeUnit.MINUTES);
  }

  Vertx vertx() {
    return vertx;
  }

  <T> Future<T> blocking(Callable<T> task) {
    return pool.executeBlocking(task, false);
  }

  /** The process's exit code, completed on the agent's event loop. */
  Future<Integer> onExit(Process process) {
    return Future.fromCompletionStage(process.onExit(), context).map(Process::exitValue);
  }

  Future<Void> close() {
    return pool.close();
  }
}
