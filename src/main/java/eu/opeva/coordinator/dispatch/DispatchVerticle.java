package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import eu.opeva.coordinator.auth.JobTokens;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.bus.RequestIds;
import eu.opeva.coordinator.domain.Pipeline;
import eu.opeva.coordinator.experiments.ConfigYaml;
import eu.opeva.coordinator.jobstore.JobStore;
import eu.opeva.coordinator.jobstore.PipelineJson;
import eu.opeva.coordinator.jobstore.PipelineStore;
import eu.opeva.coordinator.jobstore.Recovery;
import eu.opeva.coordinator.metrics.DispatchMetrics;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import eu.opeva.coordinator.storage.StorageFaults;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
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
  /**
   * The pool of job-state writes, apart from bulk work so acknowledgements never wait behind it.
   */
  public static final String STATE_POOL = "job-state";

  /** Recovered jobs (or queue entries) registered per turn of the event loop. */
  private static final int REGISTER_SLICE = 5000;

  private final Settings config;
  private final Clock clock;
  private JobTokens jobTokens;
  private DispatchMetrics metrics = DispatchMetrics.standalone();
  private JobStatuses statuses = new JobStatuses();
  private final QueueHint hint;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private Dispatcher dispatcher;
  private SnapshotWriter snapshots;
  private BlockingIo state;
  private BlockingIo bulk;
  private long snapshotTimer = -1;
  private long infoTimer = -1;

  private final StorageFaults faults;

  public DispatchVerticle(Settings config, Clock clock, QueueHint hint) {
    this(config, clock, hint, faultsOf(config.storage().faults()));
  }

  /** Gives each dispatched job its own token (see {@link JobTokens}); none without. */
  public DispatchVerticle jobTokens(JobTokens tokens) {
    this.jobTokens = tokens;
    return this;
  }

  /** Keeps {@code view} up to date with every job, for readers of this process (see there). */
  public DispatchVerticle statuses(JobStatuses view) {
    this.statuses = view;
    return this;
  }

  /** Where dispatch counts what it does (metrics of its own, not scraped, without). */
  public DispatchVerticle metrics(DispatchMetrics dispatchMetrics) {
    this.metrics = dispatchMetrics;
    return this;
  }

  /** With faults injected into its writes (tests). */
  public DispatchVerticle(Settings config, Clock clock, QueueHint hint, StorageFaults faults) {
    this.config = config;
    this.clock = clock;
    this.hint = hint;
    this.faults = faults;
  }

  static StorageFaults faultsOf(Settings.Faults f) {
    return StorageFaults.random(f.failRate(), f.maxDelayMs(), f.seed());
  }

  @Override
  public Future<?> start() {
    JobPageCodec.registerOn(vertx.eventBus());
    SharedLayout layout = new SharedLayout(config.storage().sharedRoot());
    JsonFiles files = new JsonFiles(config.storage().fsync());
    state = new BlockingIo(vertx, STATE_POOL, config.storage().ioThreads());
    bulk = new BlockingIo(vertx, config.storage().ioThreads());
    JobStore store = new JobStore(layout, files, state, bulk, faults);
    dispatcher = new Dispatcher(config, clock, vertx, store, hint, jobTokens, metrics, statuses);
    snapshots = new SnapshotWriter(dispatcher);
    long now = clock.millis();
    long recoveryStarted = System.currentTimeMillis();
    PipelineStore pipelineStore = new PipelineStore(layout, files, state, faults);
    List<Pipeline> pipelines = new ArrayList<>();
    // Pipeline changes cut short are undone first: their jobs must not be recovered.
    return bulk.run(() -> PipelineStore.recover(layout, files))
        .compose(
            undone -> {
              pipelines.addAll(undone);
              return new Recovery(layout, files, bulk, now).run();
            })
        .compose(
            recovered ->
                inSlices(recovered.jobs(), dispatcher::recovered)
                    .map(
                        v -> {
                          recovered.workerKeys().forEach(dispatcher.registry::workerInfo);
                          return null;
                        })
                    .compose(v -> inSlices(recovered.queue(), dispatcher::recovered)))
        .map(
            v -> {
              statuses.goLive();
              dispatcher.resolveAllWaiting();
              register(layout, pipelineStore, pipelines);
              snapshotTimer =
                  vertx.setPeriodic(
                      config.storage().snapshotInterval().toMillis(), t -> snapshots.tick());
              WorkerInfoRefresh infos = new WorkerInfoRefresh(dispatcher, layout, bulk);
              infoTimer =
                  vertx.setPeriodic(
                      config.storage().infoRefreshInterval().toMillis(), t -> infos.tick());
              // Every recovered job is a change, so the whole snapshot is written again; not
              // before as long again as recovery took, so the rest of the start and the first
              // dispatches do not share the cores with it (recovery never reads it back while
              // the job files are complete).
              snapshots.notBefore(2 * System.currentTimeMillis() - recoveryStarted);
              return null;
            });
  }

  /**
   * Applies {@code each} to the items, a slice per turn of the event loop, so registering a large
   * recovered registry never holds the loop for long (nothing is served before it is done).
   */
  private <T> Future<Void> inSlices(List<T> items, java.util.function.Consumer<T> each) {
    Promise<Void> done = Promise.promise();
    slice(items, 0, each, done);
    return done.future();
  }

  private <T> void slice(
      List<T> items, int from, java.util.function.Consumer<T> each, Promise<Void> done) {
    int to = Math.min(items.size(), from + REGISTER_SLICE);
    try {
      for (int i = from; i < to; i++) {
        each.accept(items.get(i));
      }
    } catch (RuntimeException e) {
      done.fail(e);
      return;
    }
    if (to == items.size()) {
      done.complete();
    } else {
      context.runOnContext(v -> slice(items, to, each, done));
    }
  }

  private void register(
      SharedLayout layout, PipelineStore pipelineStore, List<Pipeline> recovered) {
    var yaml = new ConfigYaml(vertx, config.experiments().configMaxBytes());
    ConfigReader configs = new ConfigReader(layout, bulk, yaml);
    var submissions = new Submissions(dispatcher, layout, configs, yaml);
    var agents = new AgentDispatch(dispatcher);
    var controls = new JobControls(dispatcher);
    var queries = new JobQueries(dispatcher);
    var ops = new OperatorControls(dispatcher, controls);
    var cleanups = new Cleanups(dispatcher, layout, ops, controls);
    var reruns = new Reruns(dispatcher, configs, submissions);
    var pipelines = new Pipelines(dispatcher, pipelineStore, submissions, reruns, controls);
    pipelines.recovered(recovered);
    handle(
        DispatchAddresses.PIPELINE_CREATE,
        m ->
            pipelines.create(
                m.getJsonObject(SubmitContext.BODY),
                SubmitContext.fromJson(m.getJsonObject(SubmitContext.CONTEXT))));
    handle(
        DispatchAddresses.PIPELINE_LIST,
        b ->
            Future.succeededFuture(
                pipelines.list(b.getInteger("offset", 0), b.getInteger("limit", 100))));
    handle(
        DispatchAddresses.PIPELINE_GET,
        b -> Future.succeededFuture(pipelines.get(b.getString(PipelineJson.PIPELINE_ID))));
    handle(
        DispatchAddresses.PIPELINE_CANCEL,
        b -> pipelines.cancel(b.getString(PipelineJson.PIPELINE_ID)));
    handle(
        DispatchAddresses.PIPELINE_RERUN,
        b -> pipelines.rerun(b.getString(PipelineJson.PIPELINE_ID), body(b)));
    handle(
        DispatchAddresses.SUBMIT,
        m ->
            submissions.submit(
                m.getJsonObject(SubmitContext.BODY),
                SubmitContext.fromJson(m.getJsonObject(SubmitContext.CONTEXT))));
    handle(DispatchAddresses.RERUN, b -> reruns.rerun(b.getString(JOB_ID), body(b)));
    consumers.add(
        vertx
            .eventBus()
            .<JsonObject>consumer(
                DispatchAddresses.NEXT_JOB,
                m -> {
                  RequestIds.bindFrom(m);
                  agents.nextJob(m);
                }));
    consumers.add(
        vertx
            .eventBus()
            .<JsonObject>consumer(
                DispatchAddresses.CANCEL_WAIT,
                m -> agents.cancelWait(m.body().getString(AgentDispatch.WAIT_ID))));
    handle(
        DispatchAddresses.UNDELIVERABLE,
        b -> agents.undeliverable(b.getString(JOB_ID), b.getInteger(ATTEMPT)));
    handle(DispatchAddresses.REPORT, agents::report);
    handle(DispatchAddresses.STOP, b -> controls.stop(b.getString(JOB_ID), null, null));
    handle(
        DispatchAddresses.OPS_JOB,
        b -> ops.act(b.getString(DispatchClient.ACTION), b.getString(JOB_ID), body(b)));
    handle(
        DispatchAddresses.OPS_CLEANUP,
        b ->
            "queue".equals(b.getString(DispatchClient.ACTION))
                ? cleanups.cleanQueue(body(b))
                : cleanups.cleanJobs(body(b)));
    handle(DispatchAddresses.DELETE, b -> controls.delete(b.getString(JOB_ID)));
    handle(DispatchAddresses.RECOVER, b -> controls.recover(RecoveryRequest.fromJson(b)));
    handle(
        DispatchAddresses.STATUS, b -> Future.succeededFuture(queries.status(b.getString(JOB_ID))));
    handle(
        DispatchAddresses.JOB,
        b -> Future.succeededFuture(queries.jobWithDependents(b.getString(JOB_ID))));
    handle(DispatchAddresses.WHY, b -> Future.succeededFuture(queries.why(b.getString(JOB_ID))));
    consumers.add(
        BusReplies.serve(
            vertx,
            DispatchAddresses.JOBS,
            b -> Future.succeededFuture(queries.jobs(JobFilter.fromJson(b)))));
    handle(DispatchAddresses.QUEUE, b -> Future.succeededFuture(queries.queue()));
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
                new JsonObject()
                    .put(
                        JobQueries.JOBS,
                        new JsonArray(queries.stopRequests(b.getString(WORKER_ID))))));
  }

  private static JsonObject body(JsonObject message) {
    return message.getJsonObject(DispatchClient.BODY, new JsonObject());
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
    if (infoTimer >= 0) {
      vertx.cancelTimer(infoTimer);
    }
    return dispatcher
        .store
        .drain()
        .compose(v -> snapshots.write())
        .compose(v -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList()))
        .compose(v -> Future.join(state.close(), bulk.close()));
  }
}
