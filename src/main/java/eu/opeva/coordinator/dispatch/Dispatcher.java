package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.jobstore.JobStore;
import eu.opeva.coordinator.jobstore.WriteDeadline;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of job state: registry, queue and waiting polls, and the commit every operation
 * ends with. Runs only on the dispatch verticle's event loop. A change is decided on the job as
 * last written, written to its files, and only then installed and shown: a failed write leaves the
 * job as it was and answers 503. Operations on one job run one after the other, each deciding on
 * what the previous one left.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  final Settings config;
  final Clock clock;
  final Vertx vertx;
  final JobRegistry registry = new JobRegistry();
  final JobQueue queue;
  final Waiters waiters = new Waiters();
  final JobStore store;
  final PayloadBuilder payloads;
  private final Map<String, Future<?>> busy = new HashMap<>();
  private final Map<String, Integer> reserved = new HashMap<>();
  boolean draining;
  private long lastSeq;

  Dispatcher(Settings config, Clock clock, Vertx vertx, JobStore store, QueueHint hint) {
    this.queue = new JobQueue(hint);
    this.config = config;
    this.clock = clock;
    this.vertx = vertx;
    this.store = store;
    this.payloads = new PayloadBuilder(config);
  }

  long now() {
    return clock.millis();
  }

  /** The next submission number (they continue from the highest one recovered). */
  long nextSeq() {
    return ++lastSeq;
  }

  /** Registers a recovered job (in submission order). */
  void recovered(Job job) {
    registry.put(job);
    lastSeq = Math.max(lastSeq, job.spec().seq());
  }

  HostSettings hostSettings(String host) {
    return config.hosts().settingsOf(host);
  }

  /**
   * Whether {@code host} may start one more job of {@code profile} (dispatches in flight count).
   */
  boolean slotFree(String host, String profile) {
    HostSettings settings = hostSettings(host);
    return !settings.hasSlots()
        || registry.activeCount(host, profile) + reserved.getOrDefault(host + '|' + profile, 0)
            < settings.slotsFor(profile);
  }

  /** The job, or a 404. */
  Job require(String jobId) {
    Job job = registry.get(jobId);
    if (job == null) {
      throw ApiFailure.notFound("Job " + jobId + " not found");
    }
    return job;
  }

  /**
   * Runs {@code operation} once every earlier operation on the same job has finished, so it decides
   * on the job as the last one left it.
   */
  <T> Future<T> serially(String jobId, Function<WriteDeadline, Future<T>> operation) {
    WriteDeadline deadline = WriteDeadline.in(config.storage().writeStartTimeout());
    Future<?> tail = busy.get(jobId);
    Future<T> next =
        tail == null ? call(operation, deadline) : tail.transform(ar -> call(operation, deadline));
    busy.put(jobId, next);
    next.onComplete(ar -> busy.remove(jobId, next));
    return next;
  }

  /** Whether an operation on the job is under way (a job being created is not registered yet). */
  boolean isBusy(String jobId) {
    return busy.containsKey(jobId);
  }

  /** Decides a change of a registered job (404 if none) and commits it. */
  Future<Job> change(String jobId, Function<Job, Job> decision) {
    return serially(
        jobId,
        deadline -> {
          Job before = require(jobId);
          Job after = decision.apply(before);
          return after == before ? Future.succeededFuture(before) : commit(before, after, deadline);
        });
  }

  /**
   * Writes a change, then installs it: the registry, the queue and the slots follow, a status event
   * is published, and freed slots are offered to waiting workers. A failed write changes nothing.
   */
  Future<Job> commit(Job before, Job after, WriteDeadline deadline) {
    return store
        .write(before, after, deadline)
        .map(v -> install(before, after))
        .onFailure(
            err ->
                LOG.warn(
                    "job {}: {} -> {} not made: {}",
                    after.jobId(),
                    before.status().wire(),
                    after.status().wire(),
                    err.getMessage()));
  }

  /** Shows a written change. */
  Job install(Job before, Job after) {
    registry.put(after);
    if (after.status().isWaiting()) {
      offer(queue.add(QueueEntry.of(after)));
    } else {
      queue.remove(after.jobId());
    }
    if (before.status() != after.status() || before.attemptNumber() != after.attemptNumber()) {
      vertx.eventBus().publish(DispatchAddresses.STATUS_CHANGED, StatusEvent.of(after));
    }
    String freed =
        before.status().isActive() && !after.status().isActive()
            ? before.placement().slotHost()
            : null;
    if (freed != null) {
      vertx.runOnContext(v -> serveWaiting(freed));
    }
    return after;
  }

  /**
   * Takes the oldest job {@code worker} may run and dispatches it: the queue entry is held aside
   * while the dispatch is written (nobody else can take it, its slot is counted), and put back in
   * its place if the write fails. Null when there is nothing for the worker.
   */
  Future<JobPayload> dispatchNext(String worker) {
    QueueEntry q = queue.pickFor(worker, hostSettings(worker), this::slotFree);
    if (q == null) {
      return Future.succeededFuture(null);
    }
    queue.remove(q.jobId());
    String slot = worker + '|' + q.profile();
    reserved.merge(slot, 1, Integer::sum);
    return serially(
            q.jobId(),
            deadline -> {
              Job before = registry.get(q.jobId());
              if (before == null || !before.status().isWaiting()) {
                return Future.succeededFuture((Job) null); // taken away meanwhile
              }
              return commit(before, before.change(now()).dispatchTo(worker), deadline);
            })
        .onComplete(ar -> reserved.merge(slot, -1, (a, b) -> a + b == 0 ? null : a + b))
        .onFailure(
            err -> {
              // Not dispatched: back in its place, unless it changed meanwhile.
              Job job = registry.get(q.jobId());
              if (job != null && job.status().isWaiting() && queue.get(q.jobId()) == null) {
                queue.add(q);
              }
            })
        .compose(
            job ->
                job == null
                    ? dispatchNext(worker)
                    : Future.succeededFuture(payloads.build(job, q, worker)));
  }

  /** A newly queued job goes straight to a waiting worker that may take it, without a scan. */
  void offer(QueueEntry q) {
    if (waiters.size() == 0 || draining) {
      return;
    }
    String pinned = q.pinnedHost();
    if (pinned != null) {
      serveWaiting(pinned);
      return;
    }
    for (String worker : waiters.workersInArrivalOrder()) {
      if (!hostSettings(worker).pinnedOnly() && slotFree(worker, q.profile())) {
        serveWaiting(worker);
        if (queue.get(q.jobId()) == null) {
          return;
        }
      }
    }
  }

  /** Gives queued jobs to this worker's waiting polls while it has both. */
  void serveWaiting(String worker) {
    Waiters.Waiter waiter;
    while (!draining
        && (waiter = waiters.firstOf(worker)) != null
        && queue.pickFor(worker, hostSettings(worker), this::slotFree) != null) {
      waiters.remove(waiter.waitId());
      vertx.cancelTimer(waiter.timerId());
      var message = waiter.message();
      dispatchNext(worker)
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  BusReplies.fail(message, ar.cause());
                } else {
                  message.reply(NextJobReply.of(ar.result()));
                }
              });
    }
  }

  private static <T> Future<T> call(
      Function<WriteDeadline, Future<T>> operation, WriteDeadline deadline) {
    try {
      deadline.check();
      return operation.apply(deadline);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The reply to a poll: {@code {job: payload}} or {@code {}}. */
  static final class NextJobReply {
    static final String JOB = "job";

    private NextJobReply() {}

    static JsonObject of(JobPayload payload) {
      return payload == null ? new JsonObject() : new JsonObject().put(JOB, payload.toJson());
    }
  }
}
