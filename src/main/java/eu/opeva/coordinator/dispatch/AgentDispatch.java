package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.domain.WorkerReport;
import eu.opeva.coordinator.jobstore.JsonPlain;
import eu.opeva.coordinator.metrics.DispatchMetrics;
import eu.opeva.coordinator.protocol.NextJobRequest;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The agent side of dispatch: polls (immediate or long) and status reports, with fencing. */
final class AgentDispatch {
  static final String WAIT_ID = "wait_id";
  static final String APPLIED = "applied";
  private static final JsonObject OK = new JsonObject().put("ok", true);

  private final Dispatcher d;

  AgentDispatch(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  /**
   * Replies {@code {"job": payload}} or {@code {}}; with a wait, holds the reply until a job comes.
   */
  void nextJob(Message<JsonObject> msg) {
    NextJobRequest request = NextJobRequest.fromJson(msg.body());
    String worker = request.workerId();
    long waitMs = Math.round(request.waitSeconds() * 1000);
    if (d.draining) {
      msg.reply(new JsonObject());
      return;
    }
    if (d.pick(worker) != null) {
      BusReplies.reply(msg, d.dispatchNext(worker).map(Dispatcher.NextJobReply::of));
    } else if (waitMs > 0) {
      String waitId = msg.body().getString(WAIT_ID, java.util.UUID.randomUUID().toString());
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
    if (d.registry.get(jobId) == null) {
      return Future.succeededFuture(new JsonObject().put(APPLIED, false));
    }
    return d.change(
            jobId,
            job -> {
              if (job.status() != JobStatus.DISPATCHED || job.attemptNumber() != attempt) {
                return job;
              }
              return d.retries.afterLostDispatch(
                  job,
                  RetryPolicy.Cause.WORKER_LOST,
                  StatusNote.of(Mark.UNDELIVERED).requeuedFrom(job.workerId()),
                  "undelivered",
                  job.placement().preferredHost(),
                  false);
            })
        .map(
            job -> {
              boolean applied = job.status() != JobStatus.DISPATCHED;
              if (applied) {
                d.metrics.recovered(Mark.UNDELIVERED, job.status().isQueued());
              }
              return new JsonObject().put(APPLIED, applied);
            });
  }

  Future<JsonObject> report(JsonObject body) {
    StatusReport r = StatusReport.fromJson(body);
    d.require(r.jobId());
    WorkerReport report = toDomain(r);
    return d.change(
            r.jobId(),
            job -> {
              if (Boolean.TRUE.equals(body.getValue(DispatchClient.VERIFIED))) {
                requireEverHeld(job, r.workerId());
              }
              fence(job, r.attempt(), r.workerId());
              Job after = job.change(d.now()).report(report);
              return after == job
                  ? job
                  : d.retries.afterFailure(job, after, Retries.causeOf(report), report.exitCode());
            })
        .map(job -> OK);
  }

  private static WorkerReport toDomain(StatusReport r) {
    Map<String, Object> details = JsonPlain.map(r.details());
    return new WorkerReport(
        r.status(),
        r.workerId(),
        r.containerId(),
        r.containerName(),
        r.exitCode(),
        r.error(),
        details,
        details == null ? null : EpochTime.parseMillis(details.get(JobFields.QUEUED_AT)),
        details == null ? null : EpochTime.parseMillis(details.get(JobFields.STARTED_AT)));
  }

  /** A proven worker may report only on jobs dispatched to it (now or in an earlier attempt). */
  private void requireEverHeld(Job job, String worker) {
    boolean held =
        worker.equals(job.workerId())
            || job.history().stream().anyMatch(a -> worker.equals(a.workerId()));
    if (!held) {
      d.metrics.fenced(DispatchMetrics.Fenced.NEVER_HELD);
      throw new ApiFailure(
          403, "Job " + job.jobId() + " was never dispatched to worker '" + worker + "'");
    }
  }

  /**
   * A report naming an attempt must be for the live attempt and from its worker; a report naming a
   * worker must come from the worker holding the job. Older agents send no attempt.
   */
  private void fence(Job job, Integer attempt, String worker) {
    String holder = job.workerId();
    if (attempt != null && (holder == null || attempt != job.attemptNumber())) {
      d.metrics.fenced(DispatchMetrics.Fenced.STALE_ATTEMPT);
      throw ApiFailure.conflict(
          "Report for attempt "
              + attempt
              + " of job "
              + job.jobId()
              + " refused: the current attempt is "
              + (holder == null
                  ? "none (job is " + job.status().wire() + ")"
                  : job.attemptNumber()));
    }
    if (worker != null && holder != null && !worker.equals(holder)) {
      d.metrics.fenced(DispatchMetrics.Fenced.OTHER_WORKER);
      throw ApiFailure.conflict(
          "Job " + job.jobId() + " is held by worker '" + holder + "', not '" + worker + "'");
    }
  }
}
