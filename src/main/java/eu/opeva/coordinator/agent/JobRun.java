package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.agent.CoordinatorClient.Reply;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job on this agent, from start to its terminal report: reports {@code running} with the
 * attempt and refreshes it, enforces the timeout, honours stops, and reports how it ended. A report
 * the coordinator refuses (409) means the job was taken away, unless the job is waiting for a stop:
 * then it is stopped, otherwise it is killed and dropped without a report.
 */
final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

  private final AgentServices s;
  private final JobPayload job;
  private final Path jobDir;
  private final Path log;
  private final AttemptReports reports;
  private final Function<String, Future<Boolean>> stopPending;
  private final Promise<JobStatus> finished = Promise.promise();
  private JobProcess process;
  private LaunchPlan plan;
  private JobEnding ending = JobEnding.NONE;
  private String dropReason;
  private boolean halted;
  private boolean runningAccepted;
  private long refreshTimer = -1;
  private long timeoutTimer = -1;
  private long startedNanos;

  JobRun(AgentServices services, JobPayload job, Function<String, Future<Boolean>> stopPending) {
    this.s = services;
    this.stopPending = stopPending;
    this.job = job;
    this.reports = new AttemptReports(services, job);
    this.jobDir = services.layout().jobDir(job.jobId());
    this.log = services.layout().logsDir(job.jobId()).resolve(job.jobId() + ".log");
  }

  /**
   * Starts the job; completes with the reported terminal status (null if none) when its slot is
   * free.
   */
  Future<JobStatus> start() {
    if (ending == JobEnding.DROP) {
      finished.complete(null); // dropped (or halted) before it could start
      return finished.future();
    }
    try {
      plan = s.runner().plan(job, jobDir);
    } catch (RuntimeException e) {
      notStarted(e);
      return finished.future();
    }
    s.io()
        .run(
            () -> {
              JobLogNotes.starting(log, s.settings().workerId(), job, s.runner(), plan);
              Process p = s.runner().spawn(job, plan, log, s.settings().timings().stopGrace());
              s.runs()
                  .started(
                      new RunRecord(
                          job.jobId(),
                          job.attempt(),
                          p.pid(),
                          job.containerName(),
                          s.runner().name(),
                          System.currentTimeMillis()));
              return p;
            })
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                started(
                    JobProcess.of(
                        ar.result(), s.context(), job.containerName(), s.runner().wrapped()));
              } else {
                notStarted(ar.cause());
              }
            });
    return finished.future();
  }

  private void notStarted(Throwable cause) {
    LOG.warn("job {} could not be started", job.jobId(), cause);
    s.reports().deliver(reports.notStarted(cause, plan), false);
    finished.complete(JobStatus.FAILED);
  }

  private void started(JobProcess p) {
    process = p;
    startedNanos = System.nanoTime();
    LOG.info(
        "job {} attempt {} started ({} pid {})",
        job.jobId(),
        job.attempt(),
        s.runner().name(),
        p.pid());
    p.exit().onComplete(ar -> exited(ar.succeeded() ? ar.result() : -1));
    if (ending == JobEnding.DROP) {
      s.runner().kill(p);
      return;
    }
    if (ending != JobEnding.NONE) {
      s.runner().terminate(p, s.settings().timings().stopGrace());
    }
    Vertx vertx = s.io().vertx();
    reportRunning();
    refreshTimer =
        vertx.setPeriodic(s.settings().timings().statusRefresh().toMillis(), t -> reportRunning());
    Integer timeout = job.resources().timeoutSeconds();
    if (timeout != null) {
      timeoutTimer = vertx.setTimer(Math.max(1, timeout * 1000L), t -> end(JobEnding.TIMEOUT));
    }
  }

  private void reportRunning() {
    if (ending != JobEnding.NONE) {
      return;
    }
    s.client()
        .report(reports.of(JobStatus.RUNNING, plan, process))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.debug(
                    "running report of job {} not delivered; the next refresh retries",
                    job.jobId(),
                    ar.cause());
              } else if (ar.result().ok()) {
                runningAccepted = true;
              } else if (ar.result().status() == 404) {
                drop("the coordinator no longer knows the job");
              } else if (ar.result().status() == 409) {
                refused(ar.result());
              } else if (!ar.result().ok()) {
                LOG.warn(
                    "running report of job {} answered {}: {}",
                    job.jobId(),
                    ar.result().status(),
                    ar.result().detail());
              }
            });
  }

  /** A refused report: a stop the agent has not heard of yet, or the job was taken away. */
  private void refused(Reply reply) {
    stopPending
        .apply(job.jobId())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                return;
              }
              if (ar.result()) {
                end(JobEnding.STOP);
              } else {
                drop("the coordinator refused its report (" + reply.detail() + ")");
              }
            });
  }

  void requestStop() {
    end(JobEnding.STOP);
  }

  void shutdown() {
    end(JobEnding.SHUTDOWN);
  }

  private void end(JobEnding why) {
    if (ending != JobEnding.NONE) {
      return;
    }
    ending = why;
    LOG.info("job {} attempt {}: {}", job.jobId(), job.attempt(), why.name().toLowerCase());
    if (process != null) {
      s.runner().terminate(process, s.settings().timings().stopGrace());
    }
  }

  void drop(String reason) {
    if (ending == JobEnding.DROP) {
      return;
    }
    ending = JobEnding.DROP;
    dropReason = reason;
    LOG.warn("job {} attempt {} dropped: {}", job.jobId(), job.attempt(), reason);
    if (process != null) {
      s.runner().kill(process);
    }
  }

  /** As if the host died: kill the job, report nothing. Completes once the kill was sent. */
  Future<Void> halt() {
    halted = true;
    ending = JobEnding.DROP;
    return process == null ? Future.succeededFuture() : s.runner().kill(process);
  }

  private void exited(int code) {
    s.io().vertx().cancelTimer(refreshTimer);
    s.io().vertx().cancelTimer(timeoutTimer);
    // Rounded to the millisecond, as every duration the coordinator writes.
    double seconds = Math.round((System.nanoTime() - startedNanos) / 1e6) / 1000.0;
    if (halted) {
      finished.complete(null); // as if the host died: its run record stays
      return;
    }
    if (ending == JobEnding.DROP) {
      s.io()
          .run(
              () -> {
                JobLogNotes.note(log, "attempt " + job.attempt() + " killed: " + dropReason);
                s.runs().ended(job.jobId(), job.attempt(), pid(), code, null, dropReason);
                s.runs().remove(job.jobId(), job.attempt());
                return null;
              })
          .onComplete(ar -> finished.complete(null));
      return;
    }
    JobStatus status = TerminalOutcome.status(ending, code);
    s.io()
        .run(
            () -> {
              s.runs().ended(job.jobId(), job.attempt(), pid(), code, status, null);
              String tail = JobLogNotes.tail(log);
              JobLogNotes.note(
                  log, "exit code " + code + " after " + seconds + " s (" + status.wire() + ")");
              return tail;
            })
        .otherwise("")
        .onComplete(
            ar -> {
              StatusReport report =
                  reports.ended(ending, code, ar.result(), seconds, plan, process);
              LOG.info(
                  "job {} attempt {} ended: {} (exit code {})",
                  job.jobId(),
                  job.attempt(),
                  report.status().wire(),
                  code);
              // dispatched -> failed is allowed, but finished and stopped must follow an accepted
              // running.
              s.reports()
                  .deliver(report, !runningAccepted && report.status() != JobStatus.FAILED)
                  .compose(v -> s.io().run(() -> forget()))
                  .onComplete(v -> finished.complete(report.status()));
            });
  }

  /** Blocking: the run is over and its report spooled. */
  private Void forget() {
    s.runs().remove(job.jobId(), job.attempt());
    return null;
  }

  Future<JobStatus> ended() {
    return finished.future();
  }

  Integer attempt() {
    return job.attempt();
  }

  String jobId() {
    return job.jobId();
  }

  /** The pid of the job's process, or -1 before it started. */
  long pid() {
    return process == null ? -1 : process.pid();
  }
}
