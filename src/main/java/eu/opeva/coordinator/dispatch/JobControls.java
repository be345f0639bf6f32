package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Staleness;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.domain.StatusNote.OpsAudit;
import eu.opeva.coordinator.jobstore.WriteDeadline;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Stop and delete requests from users, and the recoveries the monitor asks for. */
final class JobControls {
  static final String MESSAGE = "message";
  private final Dispatcher d;

  JobControls(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  /**
   * The {@code /stop} logic: a waiting job is canceled, a running one asked to stop; {@code audit}
   * (operator actions) is recorded with the change.
   */
  Future<JsonObject> stop(String jobId, String reason, OpsAudit audit) {
    if (d.registry.get(jobId) == null) {
      throw ApiFailure.notFound(audit != null ? "Job " + jobId + " not found" : "Job not found");
    }
    String why = reason == null || reason.isBlank() ? "stop_requested" : reason;
    String[] message = new String[1];
    return d.change(
            jobId,
            job -> {
              JobStatus status = job.status();
              StatusNote note =
                  audit == null ? StatusNote.NONE : StatusNote.NONE.byOperator(audit, null);
              if (status.isQueued() || status == JobStatus.WAITING) {
                message[0] =
                    status == JobStatus.WAITING
                        ? "Job canceled while waiting for its dependencies"
                        : "Job canceled from queue";
                return job.change(d.now())
                    .end(
                        JobStatus.CANCELED,
                        why,
                        audit == null ? note : note.with(Mark.CANCELED_BY_OPS),
                        false);
              }
              if (status == JobStatus.DISPATCHED || status == JobStatus.RUNNING) {
                message[0] = "Stop requested; worker should terminate the job";
                StatusNote stopping = note.with(Mark.STOP_REQUESTED);
                return job.change(d.now())
                    .requestStop(
                        why, audit == null ? stopping : stopping.with(Mark.STOPPED_BY_OPS));
              }
              message[0] =
                  status == JobStatus.STOP_REQUESTED
                      ? "Stop already requested"
                      : status.isTerminal()
                          ? "Job already finished (" + status.wire() + ")"
                          : "Job is " + status.wire() + "; nothing to stop";
              return job;
            })
        .map(
            job ->
                new JsonObject()
                    .put(MESSAGE, message[0])
                    .put(JOB_ID, jobId)
                    .put(STATUS, job.status().wire()));
  }

  Future<JsonObject> delete(String jobId) {
    if (d.registry.get(jobId) == null) {
      throw ApiFailure.notFound("Job not found or already deleted");
    }
    return d.serially(jobId, deadline -> remove(d.require(jobId), deadline));
  }

  /** A cleanup's delete: only if the job is still ended when its turn comes. */
  Future<Void> deleteEnded(String jobId) {
    return d.serially(
        jobId,
        deadline -> {
          Job job = d.registry.get(jobId);
          return job == null || !job.status().isTerminal() || d.registry.hasWaitingDependents(jobId)
              ? Future.succeededFuture()
              : remove(job, deadline).<Void>mapEmpty();
        });
  }

  private Future<JsonObject> remove(Job job, WriteDeadline deadline) {
    String jobId = job.jobId();
    return d.store
        .delete(job, deadline)
        .compose(
            v -> {
              d.registry.remove(jobId);
              d.queue.remove(jobId);
              if (job.status().isActive()) {
                d.vertx.runOnContext(x -> d.serveWaiting(job.placement().slotHost()));
              }
              return d.resolveDependents(jobId);
            })
        .map(v -> new JsonObject().put(MESSAGE, "Job " + jobId + " deleted successfully"));
  }

  /**
   * A recovery decided by the monitor. Applied only if the job is still at the version the monitor
   * saw, so anything that happened in between (a late report) wins.
   */
  Future<JsonObject> recover(RecoveryRequest r) {
    if (d.registry.get(r.jobId()) == null) {
      return Future.succeededFuture(new JsonObject().put(AgentDispatch.APPLIED, false));
    }
    boolean[] applied = new boolean[1];
    return d.change(
            r.jobId(),
            job -> {
              if (job.version() != r.version() || !job.status().isActive()) {
                return job;
              }
              applied[0] = true;
              String lastHost = job.placement().targetHost();
              StatusNote note = StatusNote.of(r.decision().mark());
              Mark mark = r.decision().mark();
              if (r.decision().action() == Staleness.Action.REQUEUE) {
                String preferred =
                    job.placement().preferredHost() != null
                        ? job.placement().preferredHost()
                        : lastHost;
                return d.retries.afterLostDispatch(
                    job,
                    Retries.causeOf(mark),
                    note.requeuedFrom(lastHost),
                    mark.wire(),
                    preferred,
                    true);
              }
              Job failed =
                  job.change(d.now())
                      .end(JobStatus.FAILED, r.decision().error(), note.lastHost(lastHost), false);
              return d.retries.afterFailure(job, failed, Retries.causeOf(mark), null);
            })
        .map(
            job -> {
              if (applied[0]) {
                d.metrics.recovered(r.decision().mark(), job.status().isQueued());
              }
              return new JsonObject().put(AgentDispatch.APPLIED, applied[0]);
            });
  }
}
