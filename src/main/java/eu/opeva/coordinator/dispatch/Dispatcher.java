package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.domain.Dependencies;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobProfile;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.jobstore.JobStore;
import eu.opeva.coordinator.jobstore.WriteDeadline;
import eu.opeva.coordinator.metrics.DispatchMetrics;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  final DispatchMetrics metrics;
  final JobRegistry registry;
  final JobQueue queue;
  final Waiters waiters;
  final JobStore store;
  final PayloadBuilder payloads;
  final Retries retries = new Retries(this);
  final Idempotency idempotency = new Idempotency();
  private final Map<String, Future<?>> busy = new HashMap<>();
  private final Map<String, Integer> reserved = new HashMap<>();
  private static final long RESOLVE_RETRY_MS = 1000;
  private long wakeTimer = -1;
  private long wakeAt;
  boolean draining;
  private long lastSeq;
  private RetryPolicy.Cause retryGranted;

  Dispatcher(
      Settings config,
      Clock clock,
      Vertx vertx,
      JobStore store,
      QueueHint hint,
      eu.opeva.coordinator.auth.JobTokens jobTokens,
      DispatchMetrics metrics,
      JobStatuses statuses) {
    this.metrics = metrics;
    metrics.starting();
    // Every (host, profile) shows from the start, at 0, so alerts can join on it.
    for (String profile : JobProfile.ALL) {
      metrics.queueDepth(null, profile);
      config.hosts().available().forEach(host -> metrics.queueDepth(host, profile));
    }
    this.registry = new JobRegistry(metrics, statuses);
    this.waiters = new Waiters(metrics.waitingPolls());
    this.queue = new JobQueue(hint, config.jobs().priorityAging().toMillis(), metrics);
    this.config = config;
    this.clock = clock;
    this.vertx = vertx;
    this.store = store;
    this.payloads = new PayloadBuilder(config, jobTokens);
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
    idempotency.recovered(
        job.spec().submittedBy(),
        job.spec().origin().idempotency(),
        job.spec().submittedAt(),
        now());
  }

  /** Queues a recovered entry (held aside if its retry is not due yet). */
  void recovered(QueueEntry entry) {
    queue.add(entry, now());
    wakeAtNextDue();
  }

  /**
   * After recovery: every waiting job is checked against its dependencies, which may have ended
   * while the coordinator was down or before the job's own change was written.
   */
  void resolveAllWaiting() {
    for (Job job : List.copyOf(registry.all())) {
      if (job.status() == JobStatus.WAITING) {
        resolve(job.jobId());
      }
    }
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
   * on the job as the last one left it. A waiting operation runs on its own request's context (not
   * the one before it), so what it logs names its own request.
   */
  <T> Future<T> serially(String jobId, Function<WriteDeadline, Future<T>> operation) {
    WriteDeadline deadline = WriteDeadline.in(config.storage().writeStartTimeout());
    Future<?> tail = busy.get(jobId);
    Future<T> next;
    if (tail == null) {
      next = call(operation, deadline);
    } else {
      ContextInternal caller = (ContextInternal) vertx.getOrCreateContext();
      Promise<T> turn = caller.promise();
      tail.onComplete(ar -> caller.emit(v -> call(operation, deadline).onComplete(turn)));
      next = turn.future();
    }
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
          retryGranted = null;
          Job after = decision.apply(before);
          RetryPolicy.Cause retry = retryGranted;
          retryGranted = null;
          if (after == before) {
            return Future.succeededFuture(before);
          }
          Future<Job> committed = commit(before, after, deadline);
          return retry == null ? committed : committed.onSuccess(j -> metrics.retried(retry));
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
        .compose(job -> followUps(before, job).map(job))
        .onFailure(
            err ->
                LOG.warn(
                    "job {}: {} -> {} not made: {}",
                    after.jobId(),
                    before.status().wire(),
                    after.status().wire(),
                    err.getMessage()));
  }

  /** The decision being made gives the job another attempt (counted once it is written). */
  void retryGranted(RetryPolicy.Cause cause) {
    retryGranted = cause;
  }

  /** Shows a written change ({@code before == after}: a new job). */
  Job install(Job before, Job after) {
    registry.put(after);
    if (before == after) {
      metrics.transition(null, after.status());
      TransitionLog.log(null, after);
    } else if (before.status() != after.status()
        || before.attemptNumber() != after.attemptNumber()) {
      if (before.status() != after.status()) {
        metrics.transition(before.status(), after.status());
      }
      TransitionLog.log(before, after);
    }
    if (after.status().isQueued()) {
      QueueEntry q = queue.add(QueueEntry.of(after), now());
      if (queue.isDelayed(q)) {
        wakeAtNextDue();
      } else {
        offer(q);
      }
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
   * What an installed change sets off, done before the change is answered: a job that ended lets
   * the jobs waiting for it go on (or cancels them), and a new waiting job is checked once more (a
   * dependency may have ended while it was being written). Never fails.
   */
  Future<Void> followUps(Job before, Job after) {
    if (after.status() == JobStatus.WAITING && before == after) {
      return resolve(after.jobId());
    }
    if (after.status().isTerminal() && !before.status().isTerminal()) {
      return resolveDependents(after.jobId());
    }
    return Future.succeededFuture();
  }

  /**
   * Re-checks the waiting jobs that depend on {@code jobId} (which ended or was deleted): each is
   * queued, canceled, or left waiting, on its own turn. Completes when all were decided.
   */
  Future<Void> resolveDependents(String jobId) {
    List<Future<Void>> all = new java.util.ArrayList<>();
    for (String id : List.copyOf(registry.dependentsOf(jobId))) {
      Job j = registry.get(id);
      if (j != null && j.status() == JobStatus.WAITING) {
        all.add(resolve(id));
      }
    }
    return all.isEmpty() ? Future.succeededFuture() : Future.join(all).mapEmpty();
  }

  /**
   * Queues a waiting job whose dependencies all ended as it needs, or cancels it when one can no
   * longer do so ({@code dependency_failed}, naming it). A write that fails is tried again shortly,
   * so no waiting job is left behind by a storage hiccup.
   */
  Future<Void> resolve(String jobId) {
    return change(
            jobId,
            job -> {
              if (job.status() != JobStatus.WAITING) {
                return job;
              }
              Dependencies.Verdict v =
                  Dependencies.evaluate(job.spec().scheduling(), this::statusOf);
              return switch (v.kind()) {
                case WAIT -> job;
                case READY -> job.change(now()).enqueue();
                case BLOCKED ->
                    job.change(now())
                        .end(
                            JobStatus.CANCELED,
                            Dependencies.DEPENDENCY_FAILED,
                            StatusNote.failedDependency(v.blocker()),
                            false);
              };
            })
        .<Void>mapEmpty()
        .recover(
            err -> {
              if (!(err instanceof ApiFailure f) || f.status() != 404) {
                vertx.setTimer(RESOLVE_RETRY_MS, t -> resolve(jobId));
              }
              return Future.succeededFuture();
            });
  }

  /** A job's status, or null when it does not exist (deleted). */
  JobStatus statusOf(String jobId) {
    Job j = registry.get(jobId);
    return j == null ? null : j.status();
  }

  /**
   * Keeps one timer for the first job held aside for a retry: when it fires the due jobs join the
   * queue and are offered to waiting workers. (Picks also promote due jobs, whatever the timer.)
   */
  void wakeAtNextDue() {
    Long due = queue.nextDue();
    if (due == null || (wakeTimer >= 0 && wakeAt <= due)) {
      return;
    }
    if (wakeTimer >= 0) {
      vertx.cancelTimer(wakeTimer);
    }
    wakeAt = due;
    wakeTimer =
        vertx.setTimer(
            Math.max(1, due - now()),
            t -> {
              wakeTimer = -1;
              queue.promoteDue(now());
              // Serve every waiting poll: a pick or a listing may have promoted due jobs already.
              List.copyOf(waiters.workersInArrivalOrder()).forEach(this::serveWaiting);
              wakeAtNextDue();
            });
  }

  /**
   * Takes the first job {@code worker} may run and dispatches it: the queue entry is held aside
   * while the dispatch is written (nobody else can take it, its slot is counted), and put back in
   * its place if the write fails. Null when there is nothing for the worker.
   */
  Future<JobPayload> dispatchNext(String worker) {
    QueueEntry q = pick(worker);
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
              if (before == null || !before.status().isQueued()) {
                return Future.succeededFuture((Job) null); // taken away meanwhile
              }
              return commit(before, before.change(now()).dispatchTo(worker), deadline);
            })
        .onComplete(ar -> reserved.merge(slot, -1, (a, b) -> a + b == 0 ? null : a + b))
        .onFailure(
            err -> {
              // Not dispatched: back in its place, unless it changed meanwhile.
              Job job = registry.get(q.jobId());
              if (job != null && job.status().isQueued() && queue.get(q.jobId()) == null) {
                queue.add(q, now());
              }
            })
        .compose(
            job -> {
              if (job == null) {
                return dispatchNext(worker);
              }
              long ready =
                  q.notBefore() == null ? q.enqueuedAt() : Math.max(q.enqueuedAt(), q.notBefore());
              metrics.dispatched(now() - ready);
              return Future.succeededFuture(payloads.build(job, q, worker));
            });
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
    // The oldest waiting poll first; usually its worker takes the job, so this looks at few polls
    // however many wait (a list of every waiting worker per job was most of dispatch's time with
    // 10,000 polls waiting).
    Set<String> tried = new HashSet<>();
    while (queue.get(q.jobId()) != null) {
      String worker =
          waiters.firstWorker(
              w -> !tried.contains(w) && !hostSettings(w).pinnedOnly() && slotFree(w, q.profile()));
      if (worker == null) {
        return;
      }
      tried.add(worker);
      serveWaiting(worker);
    }
  }

  /** Gives queued jobs to this worker's waiting polls while it has both. */
  void serveWaiting(String worker) {
    Waiters.Waiter waiter;
    while (!draining && (waiter = waiters.firstOf(worker)) != null && pick(worker) != null) {
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

  /** The job {@code worker} would get now, or null. */
  QueueEntry pick(String worker) {
    return queue.pickFor(worker, hostSettings(worker), this::slotFree, now());
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
