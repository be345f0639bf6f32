package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Lifecycle;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Iterator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of job state: registry, queue and waiting polls, and the transitions every
 * operation is built from. Runs only on the dispatch verticle's event loop, so a check and the
 * change that follows it can never interleave with another request.
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
  boolean draining;

  Dispatcher(Settings config, Clock clock, Vertx vertx, JobStore store, QueueHint hint) {
    this.queue = new JobQueue(hint);
    this.config = config;
    this.clock = clock;
    this.vertx = vertx;
    this.store = store;
    this.payloads = new PayloadBuilder(config);
  }

  double now() {
    return clock.millis() / 1000.0;
  }

  HostSettings hostSettings(String host) {
    return config.hosts().settingsOf(host);
  }

  boolean slotFree(String host, String profile) {
    HostSettings settings = hostSettings(host);
    return !settings.hasSlots() || registry.activeCount(host, profile) < settings.slotsFor(profile);
  }

  /** Moves a job to {@code to} in memory and returns the status document to persist. */
  JsonObject transition(
      JobEntry entry, JobStatus to, JsonObject extras, Consumer<JobEntry> alsoChange) {
    String freedHost = entry.status().isActive() && !to.isActive() ? entry.slotHost() : null;
    registry.update(
        entry,
        e -> {
          if (alsoChange != null) {
            alsoChange.accept(e);
          }
          Lifecycle.apply(e, to, now());
        });
    if (to != JobStatus.QUEUED) {
      queue.remove(entry.jobId());
    }
    JsonObject doc = StatusDocs.of(entry, extras);
    registry.statusDoc(entry.jobId(), doc);
    vertx
        .eventBus()
        .publish(
            DispatchAddresses.STATUS_CHANGED,
            new JsonObject()
                .put("job_id", entry.jobId())
                .put("status", to.wire())
                .put("attempt", entry.attempt())
                .put("worker_id", entry.workerId()));
    if (freedHost != null) {
      vertx.runOnContext(v -> serveWaiting(freedHost));
    }
    return doc;
  }

  /** Puts a job (back) at the end of the queue and offers it to waiting workers. */
  Future<Void> requeue(JobEntry entry, String preferred, boolean require, JsonObject extras) {
    String previousWorker = entry.workerId();
    JsonObject doc =
        transition(
            entry,
            JobStatus.QUEUED,
            extras,
            e ->
                e.json()
                    .put("preferred_host", preferred)
                    .put("require_host", require)
                    .put("target_host", require ? preferred : null));
    QueueEntry q =
        queue.add(
            new QueueEntry(
                entry.jobId(),
                preferred,
                require,
                now(),
                entry.json().getString("submitted_by"),
                entry.profile(),
                0));
    Future<Void> written = store.enqueue(entry.jobId(), q.toJson(), previousWorker, doc);
    offer(q);
    return written;
  }

  /** Hands the job to the worker: in memory first (so nobody else can take it), then on disk. */
  Future<JsonObject> dispatch(JobEntry entry, QueueEntry queued, String worker) {
    JsonObject doc =
        transition(
            entry,
            JobStatus.DISPATCHED,
            new JsonObject().put("worker_id", worker),
            e -> e.json().put("target_host", worker).put("worker_id", worker));
    JsonObject payload = payloads.build(entry, queued, worker);
    String id = entry.jobId();
    boolean schedulerHost = hostSettings(worker).schedulerOptions();
    JsonObject m = entry.json().copy();
    Future<Void> claimed = store.dispatch(id, worker, doc);
    // job_info.json is informational: it is updated in order after the claim, without holding the
    // reply.
    store.updateJobInfo(
        id,
        i -> {
          i.put("target_host", worker);
          for (String key : new String[] {"job_name", "config_path", "image", "image_tag"}) {
            if (i.getValue(key) == null && m.getValue(key) != null) {
              i.put(key, m.getValue(key));
            }
          }
          if (schedulerHost
              && i.getValue("deucalion_options") == null
              && m.getValue("deucalion_options") != null) {
            i.put("deucalion_options", m.getValue("deucalion_options"));
          }
          return i;
        });
    return claimed
        .map(payload)
        .recover(
            err -> {
              LOG.error("dispatch of {} to {} could not be written; requeueing", id, worker, err);
              if (entry.status() == JobStatus.DISPATCHED
                  && entry.attempt() == payload.getInteger("attempt")) {
                requeue(
                    entry,
                    entry.preferredHost(),
                    entry.requireHost(),
                    new JsonObject().put("dispatch_failed", true));
              }
              return Future.failedFuture(
                  new eu.opeva.coordinator.bus.ApiFailure(
                      503, "Dispatch could not be recorded; retry"));
            });
  }

  /** A newly queued job goes straight to a waiting worker that may take it, without a file scan. */
  void offer(QueueEntry q) {
    if (waiters.size() == 0 || draining) {
      return;
    }
    String pinned = q.pinnedHost();
    if (pinned != null) {
      serveWaiting(pinned);
      return;
    }
    for (Iterator<String> it = waiters.workersInArrivalOrder().iterator(); it.hasNext(); ) {
      String worker = it.next();
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
    while (!draining && (waiter = waiters.firstOf(worker)) != null) {
      QueueEntry q = queue.pickFor(worker, hostSettings(worker), this::slotFree);
      if (q == null) {
        return;
      }
      waiters.remove(waiter.waitId());
      vertx.cancelTimer(waiter.timerId());
      var message = waiter.message();
      dispatch(registry.get(q.jobId()), q, worker)
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  message.reply(new JsonObject().put("job", ar.result()));
                } else {
                  eu.opeva.coordinator.bus.BusReplies.fail(message, ar.cause());
                }
              });
    }
  }
}
