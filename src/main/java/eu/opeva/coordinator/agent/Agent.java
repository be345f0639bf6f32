package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.StatusReport;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference worker agent: heartbeats, long polls for jobs while it has a free slot, runs each
 * job ({@link JobRun}) and delivers its terminal report ({@link TerminalReports}). Everything runs
 * on this verticle's event loop; process and file work goes to the agent's worker pool. Undeploying
 * it is a graceful stop: no new jobs, running jobs are terminated and reported, pending reports get
 * a last chance and stay spooled otherwise.
 */
public final class Agent extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final long IDLE_POLL_MS = 2_000;

  private final AgentSettings settings;
  private final Map<String, JobRun> jobs = new LinkedHashMap<>();
  private AgentServices services;
  private Backoff backoff;
  private boolean stopping;
  private boolean halted;
  private boolean polling;
  private boolean heartbeatInFlight;
  private int pollFailures;
  private int heartbeatFailures;
  private long heartbeatTimer = -1;
  private long pollTimer = -1;
  private long heartbeatsAccepted;
  private String lastJobId;
  private JobStatus lastStatus;

  public Agent(AgentSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    BlockingIo io = new BlockingIo(vertx, "opeva-agent-" + settings.workerId(), 4);
    CoordinatorClient client = new CoordinatorClient(vertx, settings.server(), settings.workerId());
    backoff = new Backoff(settings.timings().retryMin(), settings.timings().retryMax());
    TerminalReports reports =
        new TerminalReports(io, client, settings.stateDir().resolve("pending-reports"), backoff);
    JobRunner runner =
        settings.runner().equals("docker")
            ? new DockerRunner(
                io, context, settings.sharedDir(), settings.workerId(), settings.dockerNetwork())
            : new ProcessRunner(io, settings.sharedDir(), settings.processCommand());
    return io.run(HostInfo::hostname)
        .compose(
            host -> {
              services =
                  new AgentServices(
                      settings,
                      io,
                      context,
                      client,
                      reports,
                      runner,
                      new SharedLayout(settings.sharedDir()),
                      host);
              return reports.resendSpooled();
            })
        .map(
            spooled -> {
              LOG.info(
                  "agent {} ({} runner, {} slot(s)) working for {}{}",
                  settings.workerId(),
                  runner.name(),
                  settings.slots(),
                  settings.server(),
                  spooled > 0 ? "; resending " + spooled + " undelivered report(s)" : "");
              heartbeat();
              heartbeatTimer =
                  vertx.setPeriodic(settings.timings().heartbeat().toMillis(), t -> heartbeat());
              pollIfIdle();
              return null;
            });
  }

  private void pollIfIdle() {
    if (stopping || halted || polling || jobs.size() >= settings.slots()) {
      return;
    }
    polling = true;
    double wait = settings.timings().pollWait().toMillis() / 1000.0;
    long asked = System.nanoTime();
    services
        .client()
        .nextJob(wait)
        .onComplete(
            ar -> {
              polling = false;
              if (halted || (stopping && ar.failed())) {
                return;
              }
              if (ar.failed()) {
                Duration delay = backoff.delay(++pollFailures);
                if (pollFailures == 1 || pollFailures % 10 == 0) {
                  LOG.warn(
                      "polling {} failed ({}); retrying in {} ms",
                      settings.server(),
                      ar.cause().getMessage(),
                      delay.toMillis());
                }
                pollTimer = vertx.setTimer(delay.toMillis(), t -> pollIfIdle());
                return;
              }
              pollFailures = 0;
              if (ar.result() != null) {
                accept(ar.result());
                pollIfIdle();
              } else if (wait >= 2 && System.nanoTime() - asked < (long) ((wait - 1) * 1e9)) {
                // An early "no job": a coordinator without long polls (or one shutting down).
                pollTimer = vertx.setTimer(IDLE_POLL_MS, t -> pollIfIdle());
              } else {
                pollIfIdle();
              }
            });
  }

  private void accept(JsonObject payload) {
    if (stopping) {
      giveBack(payload);
      return;
    }
    JobRun run;
    try {
      run = new JobRun(services, JobPayload.fromJson(payload));
    } catch (RuntimeException e) {
      LOG.error("ignoring a job payload this agent cannot run: {}", payload.encode(), e);
      return;
    }
    String key = run.jobId() + "#" + run.attempt();
    jobs.values().stream()
        .filter(other -> other.jobId().equals(run.jobId()))
        .forEach(old -> old.drop("attempt " + run.attempt() + " of the job was dispatched here"));
    jobs.put(key, run);
    run.start()
        .onComplete(
            ar -> {
              jobs.remove(key, run);
              if (ar.result() != null) {
                lastJobId = run.jobId();
                lastStatus = ar.result();
              }
              pollIfIdle();
            });
  }

  /** A job that arrived while stopping goes straight back to the queue. */
  private void giveBack(JsonObject payload) {
    Optional<JobPayload.AttemptId> id = JobPayload.attemptIdOf(payload);
    if (id.isEmpty()) {
      LOG.error("ignoring a job payload this agent cannot run: {}", payload.encode());
      return;
    }
    String jobId = id.get().jobId();
    services
        .client()
        .report(StatusReport.of(jobId, JobStatus.QUEUED, settings.workerId(), id.get().attempt()))
        .onComplete(
            ar ->
                LOG.info(
                    "gave job {} back to the queue: {}",
                    jobId,
                    ar.succeeded() ? ar.result().status() : ar.cause().getMessage()));
  }

  private void heartbeat() {
    if (heartbeatInFlight || halted) {
      return;
    }
    heartbeatInFlight = true;
    JsonObject info =
        HostInfo.of(
            settings,
            services.runner().name(),
            services.hostname(),
            jobs.values(),
            lastJobId,
            lastStatus);
    services
        .client()
        .heartbeat(info)
        .onComplete(
            ar -> {
              heartbeatInFlight = false;
              if (ar.failed()) {
                if (++heartbeatFailures == 1 || heartbeatFailures % 20 == 0) {
                  LOG.warn(
                      "heartbeat to {} failed: {}", settings.server(), ar.cause().getMessage());
                }
                return;
              }
              heartbeatFailures = 0;
              heartbeatsAccepted++;
              for (String id : ar.result().stopJobIds()) {
                new ArrayList<>(jobs.values())
                    .stream().filter(run -> run.jobId().equals(id)).forEach(JobRun::requestStop);
              }
            });
  }

  @Override
  public Future<?> stop() {
    cancelTimers();
    if (halted || services == null) {
      return closeAll();
    }
    stopping = true;
    List<Future<JobStatus>> ends = new ArrayList<>();
    for (JobRun run : jobs.values()) {
      run.shutdown();
      ends.add(run.ended());
    }
    Duration jobsDeadline = settings.timings().stopGrace().plusSeconds(10);
    return within(Future.join(ends), jobsDeadline)
        .compose(v -> within(services.reports().drained(), Duration.ofSeconds(10)))
        .eventually(this::closeAll);
  }

  /**
   * Simulates the host dying (for tests): jobs are killed, nothing more is sent to the coordinator.
   * Completes with the ids of the jobs it held. Undeploy afterwards to release the agent's
   * resources.
   */
  public Future<JsonArray> halt() {
    Promise<JsonArray> done = Promise.promise();
    context.runOnContext(
        v -> {
          halted = true;
          cancelTimers();
          services.reports().close();
          services.client().close(); // its open long poll ends as a dead host's connection would
          JsonArray held = new JsonArray();
          jobs.values()
              .forEach(
                  run -> {
                    held.add(run.jobId());
                    run.halt();
                  });
          done.complete(held);
        });
    return done.future();
  }

  /**
   * A snapshot for tests and diagnostics: active jobs (id to pid), report and heartbeat counters.
   */
  public Future<JsonObject> state() {
    Promise<JsonObject> result = Promise.promise();
    context.runOnContext(
        v -> {
          JsonObject active = new JsonObject();
          jobs.values().forEach(run -> active.put(run.jobId(), run.pid()));
          result.complete(
              new JsonObject()
                  .put("active", active)
                  .put("pending_reports", services.reports().pending())
                  .put("retried_reports", services.reports().retried())
                  .put("heartbeats", heartbeatsAccepted));
        });
    return result.future();
  }

  private void cancelTimers() {
    vertx.cancelTimer(heartbeatTimer);
    vertx.cancelTimer(pollTimer);
  }

  private Future<Void> closeAll() {
    if (services == null) {
      return Future.succeededFuture();
    }
    services.reports().close();
    services.client().close();
    return services.io().close();
  }

  private Future<Void> within(Future<?> f, Duration limit) {
    Promise<Void> p = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, limit.toMillis()), t -> p.tryComplete());
    f.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          p.tryComplete();
        });
    return p.future();
  }
}
