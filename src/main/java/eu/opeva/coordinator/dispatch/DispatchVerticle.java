package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The single writer of job state and the queue (exactly one instance). Rebuilds its state from
 * shared storage at start, then serves the dispatch addresses.
 */
public final class DispatchVerticle extends VerticleBase {
  private final Settings config;
  private final Clock clock;
  private final QueueHint hint;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private Dispatcher dispatcher;
  private SnapshotWriter snapshots;
  private BlockingIo io;
  private long snapshotTimer = -1;

  public DispatchVerticle(Settings config, Clock clock, QueueHint hint) {
    this.config = config;
    this.clock = clock;
    this.hint = hint;
  }

  @Override
  public Future<?> start() {
    SharedLayout layout = new SharedLayout(config.storage().sharedRoot());
    JsonFiles files = new JsonFiles(config.storage().fsync());
    io = new BlockingIo(vertx, config.storage().ioThreads());
    dispatcher = new Dispatcher(config, clock, vertx, new JobStore(layout, files, io), hint);
    snapshots = new SnapshotWriter(dispatcher);
    double now = clock.millis() / 1000.0;
    return io.run(() -> new Recovery(layout, files, now).run())
        .map(
            recovered -> {
              load(recovered);
              register(layout);
              snapshotTimer =
                  vertx.setPeriodic(
                      config.storage().snapshotInterval().toMillis(), t -> snapshots.tick());
              return null;
            })
        .compose(v -> snapshots.write());
  }

  private void load(Recovery.Recovered r) {
    for (JobEntry e : r.jobs()) {
      dispatcher.registry.add(e, r.statusDocs().get(e.jobId()));
    }
    r.queue().forEach(dispatcher.queue::add);
  }

  private void register(SharedLayout layout) {
    var submissions = new Submissions(dispatcher, layout);
    var agents = new AgentDispatch(dispatcher);
    var controls = new JobControls(dispatcher);
    var queries = new JobQueries(dispatcher);
    var ops = new OperatorControls(dispatcher);
    var cleanups = new Cleanups(dispatcher, layout, ops);
    handle(DispatchAddresses.SUBMIT, submissions::submit);
    var reruns = new Reruns(dispatcher, layout, submissions);
    handle(
        DispatchAddresses.RERUN,
        b -> reruns.rerun(b.getString("job_id"), b.getJsonObject("body", new JsonObject())));
    consumers.add(
        vertx.eventBus().<JsonObject>consumer(DispatchAddresses.NEXT_JOB, agents::nextJob));
    consumers.add(
        vertx
            .eventBus()
            .<JsonObject>consumer(
                DispatchAddresses.CANCEL_WAIT,
                m -> agents.cancelWait(m.body().getString("wait_id"))));
    handle(
        DispatchAddresses.UNDELIVERABLE,
        b -> agents.undeliverable(b.getString("job_id"), b.getInteger("attempt")));
    handle(DispatchAddresses.REPORT, agents::report);
    handle(
        DispatchAddresses.STOP,
        b ->
            controls.stop(
                b.getString("job_id"), b.getString("reason"), b.getBoolean("by_ops", false)));
    handle(
        DispatchAddresses.OPS_JOB,
        b -> {
          String id = b.getString("job_id");
          JsonObject body = b.getJsonObject("body", new JsonObject());
          return switch (b.getString("action")) {
            case "requeue" -> ops.requeue(id, body);
            case "fail" -> ops.fail(id, body);
            case "cancel" -> ops.cancel(id, body);
            case "stop" -> {
              String reason =
                  body.getString("reason") == null ? "ops_stop" : body.getString("reason");
              yield controls
                  .stop(id, reason, true, ops.audit("stop", body, "ops_stop"))
                  .map(
                      r ->
                          r.put("job_id", id)
                              .put("status", dispatcher.registry.get(id).status().wire()));
            }
            default ->
                Future.failedFuture(
                    eu.opeva.coordinator.bus.ApiFailure.badRequest("Unknown action"));
          };
        });
    handle(
        DispatchAddresses.OPS_CLEANUP,
        b ->
            "queue".equals(b.getString("action"))
                ? cleanups.cleanQueue(b.getJsonObject("body", new JsonObject()))
                : cleanups.cleanJobs(b.getJsonObject("body", new JsonObject())));
    handle(DispatchAddresses.DELETE, b -> controls.delete(b.getString("job_id")));
    handle(DispatchAddresses.RECOVER, controls::recover);
    handle(
        DispatchAddresses.STATUS,
        b -> Future.succeededFuture(queries.status(b.getString("job_id"))));
    handle(DispatchAddresses.JOB, b -> Future.succeededFuture(queries.job(b.getString("job_id"))));
    handle(DispatchAddresses.JOBS, b -> Future.succeededFuture(queries.jobs(b)));
    handle(
        DispatchAddresses.QUEUE,
        b -> Future.succeededFuture(new JsonObject().put("entries", queries.queue())));
    handle(DispatchAddresses.ACTIVE, b -> Future.succeededFuture(queries.active()));
    handle(
        DispatchAddresses.DRAIN,
        b -> {
          drain();
          return Future.succeededFuture(new JsonObject().put("draining", true));
        });
    handle(
        DispatchAddresses.STATS,
        b ->
            Future.succeededFuture(
                new JsonObject()
                    .put("jobs", dispatcher.registry.size())
                    .put("queued", dispatcher.queue.size())
                    .put("waiting_polls", dispatcher.waiters.size())));
    handle(
        DispatchAddresses.STOP_REQUESTS,
        b ->
            Future.succeededFuture(
                new JsonObject().put("job_ids", queries.stopRequests(b.getString("worker_id")))));
  }

  private void handle(String address, Function<JsonObject, Future<JsonObject>> operation) {
    consumers.add(BusReplies.serve(vertx, address, operation));
  }

  /** Refuses new work from now on and answers every waiting poll with "no job". */
  private void drain() {
    dispatcher.draining = true;
    dispatcher
        .waiters
        .removeAll()
        .forEach(
            w -> {
              vertx.cancelTimer(w.timerId());
              w.message().reply(new JsonObject());
            });
  }

  /** Shutdown: drained (if not already), then pending writes finish and the snapshot is written. */
  @Override
  public Future<?> stop() {
    if (dispatcher == null) {
      return Future.succeededFuture();
    }
    drain();
    if (snapshotTimer >= 0) {
      vertx.cancelTimer(snapshotTimer);
    }
    return io.drain()
        .compose(v -> snapshots.write())
        .compose(v -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList()))
        .compose(v -> io.close());
  }
}
