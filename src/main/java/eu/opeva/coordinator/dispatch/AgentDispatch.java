package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Lifecycle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The agent side of dispatch: polls (immediate or long), status reports with fencing. */
final class AgentDispatch {
  static final List<String> REPORT_FIELDS =
      List.of("container_id", "container_name", "exit_code", "error", "details");

  private final Dispatcher d;

  AgentDispatch(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  /**
   * Replies {@code {"job": payload}} or {@code {}}; with a wait, holds the reply until a job comes.
   */
  void nextJob(Message<JsonObject> msg) {
    JsonObject body = msg.body();
    String worker = body.getString("worker_id");
    long waitMs = Math.round(body.getDouble("wait_seconds", 0.0) * 1000);
    if (d.draining) {
      msg.reply(new JsonObject());
      return;
    }
    QueueEntry q = d.queue.pickFor(worker, d.hostSettings(worker), d::slotFree);
    if (q != null) {
      BusReplies.reply(
          msg,
          d.dispatch(d.registry.get(q.jobId()), q, worker)
              .map(p -> new JsonObject().put("job", p)));
    } else if (waitMs > 0) {
      String waitId = body.getString("wait_id", java.util.UUID.randomUUID().toString());
      long timer =
          d.vertx.setTimer(
              waitMs,
              t -> {
                Waiters.Waiter w = d.waiters.remove(waitId);
                if (w != null) {
                  w.message().reply(new JsonObject());
                }
              });
      d.waiters.add(new Waiters.Waiter(waitId, worker, msg, timer));
    } else {
      msg.reply(new JsonObject());
    }
  }

  /** The poll's HTTP connection went away: stop holding it. */
  void cancelWait(String waitId) {
    Waiters.Waiter w = d.waiters.remove(waitId);
    if (w != null) {
      d.vertx.cancelTimer(w.timerId());
      w.message().reply(new JsonObject());
    }
  }

  /** A payload could not be delivered (the poller left): the attempt is void, the job goes back. */
  Future<JsonObject> undeliverable(String jobId, int attempt) {
    JobEntry e = d.registry.get(jobId);
    if (e == null || e.status() != JobStatus.DISPATCHED || e.attempt() != attempt) {
      return Future.succeededFuture(new JsonObject().put("applied", false));
    }
    return d.requeue(
            e,
            e.preferredHost(),
            e.requireHost(),
            new JsonObject().put("requeued_from", e.workerId()).put("undelivered", true))
        .map(new JsonObject().put("applied", true));
  }

  Future<JsonObject> report(JsonObject r) {
    String jobId = r.getString("job_id");
    JobEntry e = d.registry.get(jobId);
    if (e == null) {
      throw ApiFailure.notFound("Job " + jobId + " not found");
    }
    JobStatus to =
        JobStatus.parse(r.getString("status"))
            .orElseThrow(
                () -> ApiFailure.badRequest("Unknown status '" + r.getString("status") + "'"));
    String worker = r.getString("worker_id");
    fence(e, r.getInteger("attempt"), worker);
    JobStatus prev = e.status();
    if (prev != to && !prev.canTransition(to)) {
      throw ApiFailure.conflict("Invalid status transition " + prev.wire() + " -> " + to.wire());
    }
    JsonObject fields = new JsonObject();
    for (String key : REPORT_FIELDS) {
      Object v = r.getValue(key);
      if (v != null && !(key.equals("details") && !(v instanceof JsonObject))) {
        fields.put(key, v);
      }
    }
    JsonObject extras = fields.copy();
    if (worker != null) {
      extras.put("worker_id", worker);
    }
    if (to == JobStatus.QUEUED && prev != JobStatus.QUEUED) {
      // The worker gives the job back: it really goes back to the queue (never stranded).
      return d.requeue(
              e, e.preferredHost(), e.requireHost(), extras.put("requeued_from", e.workerId()))
          .map(new JsonObject().put("ok", true));
    }
    String claimWorker = e.workerId();
    JsonObject doc =
        d.transition(
            e,
            to,
            extras,
            x -> {
              fields.forEach(f -> x.json().put(f.getKey(), f.getValue()));
              if (worker != null) {
                x.json().put("target_host", worker).put("worker_id", worker);
              }
              Lifecycle.applyDetailTimestamps(x, fields.getJsonObject("details"));
            });
    List<Future<Void>> writes = new ArrayList<>();
    if (prev.isWaiting() || prev == JobStatus.DISPATCHED) {
      writes.add(d.store.dequeue(jobId, claimWorker, doc));
    } else {
      writes.add(d.store.writeStatus(jobId, doc));
    }
    if (!fields.isEmpty()) {
      writes.add(
          d.store.updateJobInfo(
              jobId,
              info -> {
                if (worker != null) {
                  info.put("target_host", worker);
                }
                fields.forEach(f -> info.put(f.getKey(), f.getValue()));
                return info;
              }));
    }
    return Future.all(writes).map(new JsonObject().put("ok", true));
  }

  /**
   * A report naming an attempt must be for the live attempt and from its worker; a report naming a
   * worker must come from the worker holding the job. Older agents send no attempt.
   */
  private static void fence(JobEntry e, Integer attempt, String worker) {
    String holder = e.workerId();
    if (attempt != null && (holder == null || attempt != e.attempt())) {
      throw ApiFailure.conflict(
          "Report for attempt "
              + attempt
              + " of job "
              + e.jobId()
              + " refused: the current attempt is "
              + (holder == null ? "none (job is " + e.status().wire() + ")" : e.attempt()));
    }
    if (worker != null && holder != null && !worker.equals(holder)) {
      throw ApiFailure.conflict(
          "Job " + e.jobId() + " is held by worker '" + holder + "', not '" + worker + "'");
    }
  }
}
