package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference worker agent: heartbeats ({@link Heartbeats}), long polls for jobs while it has a
 * free slot ({@link JobPolling}), runs each job ({@link AgentJobs}, {@link JobRun}) and delivers
 * its terminal report ({@link TerminalReports}). At start, before it polls, it settles what an
 * earlier life of it left running ({@link Leftovers}, from the run records of its {@link
 * RunLedger}). Everything runs on this verticle's event loop; process and file work goes to the
 * agent's worker pool. Undeploying it is a graceful stop: no new jobs, running jobs are terminated
 * and reported, pending reports get a last chance and stay spooled otherwise.
 */
public final class Agent extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final AgentSettings settings;
  private AgentServices services;
  private AgentJobs jobs;
  private JobPolling polling;
  private Heartbeats heartbeats;
  private boolean halted;

  public Agent(AgentSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    BlockingIo io = new BlockingIo(vertx, "opeva-agent-" + settings.workerId(), 4);
    CoordinatorClient client =
        new CoordinatorClient(vertx, settings.server(), settings.workerId(), settings.token());
    Backoff backoff = new Backoff(settings.timings().retryMin(), settings.timings().retryMax());
    TerminalReports reports =
        new TerminalReports(io, client, settings.stateDir().resolve("pending-reports"), backoff);
    Refusal refusal = new Refusal(settings.server(), settings.workerId());
    Future<JobRunner> chosen = runner(io);
    return chosen
        .compose(r -> io.run(HostInfo::hostname))
        .compose(
            host -> {
              JobRunner runner = chosen.result();
              services =
                  new AgentServices(
                      settings,
                      io,
                      context,
                      client,
                      reports,
                      runner,
                      new SharedLayout(settings.sharedDir()),
                      new RunLedger(settings.stateDir(), settings.workerId()),
                      host,
                      refusal);
              jobs = new AgentJobs(services);
              polling = new JobPolling(services, jobs, backoff);
              heartbeats =
                  new Heartbeats(
                      services,
                      jobs,
                      () -> {
                        polling.coordinatorAnswered();
                        reports.coordinatorAnswered();
                      });
              refusal
                  .future()
                  .onFailure(
                      err -> {
                        LOG.error("{}; this agent stops asking for work", err.getMessage());
                        polling.halt();
                        heartbeats.halt();
                      });
              return reports.resendSpooled();
            })
        .compose(
            spooled ->
                new Leftovers(services)
                    .settle(spooled)
                    .map(
                        leftovers -> {
                          if (leftovers > 0) {
                            LOG.warn(
                                "settled {} run(s) left by an earlier life of this agent",
                                leftovers);
                          }
                          return spooled.size();
                        }))
        .map(
            spooled -> {
              LOG.info(
                  "agent {} ({} runner, {} slot(s)) working for {}{}",
                  settings.workerId(),
                  services.runner().name(),
                  settings.slots(),
                  settings.server(),
                  spooled > 0 ? "; resending " + spooled + " undelivered report(s)" : "");
              heartbeats.start();
              polling.pollIfIdle();
              return null;
            });
  }

  /**
   * The runner of the settings. The docker runner needs a daemon that {@code docker info} reaches;
   * without one the agent falls back to the process runner when configured to, else it does not
   * start, with a message saying what to do.
   */
  private Future<JobRunner> runner(BlockingIo io) {
    JobRunner process = new ProcessRunner(io, settings.sharedDir(), settings.processCommand());
    if (!settings.runner().equals("docker")) {
      return Future.succeededFuture(process);
    }
    return DockerCheck.run(io)
        .<JobRunner>map(
            version ->
                new DockerRunner(
                    io,
                    context,
                    settings.sharedDir(),
                    settings.workerId(),
                    settings.dockerNetwork()))
        .recover(
            err -> {
              if (settings.runnerFallback().equals("process")) {
                LOG.warn(
                    "the docker runner is not usable ({}); jobs run as processes instead"
                        + " (--runner-fallback process)",
                    err.getMessage());
                return Future.succeededFuture(process);
              }
              return Future.failedFuture(
                  new IllegalStateException(
                      "the docker runner needs a running Docker daemon, but "
                          + err.getMessage()
                          + ". Start Docker (or let this user use it), choose the process runner"
                          + " with --runner process, or let the agent fall back to it when Docker"
                          + " is not available with --runner-fallback process"));
            });
  }

  /**
   * Fails once the coordinator refused this agent's worker id or token before it ever accepted it
   * (the agent then stops asking for work); never succeeds.
   */
  public Future<Void> refused() {
    return services == null ? Future.failedFuture("not started") : services.refusal().future();
  }

  @Override
  public Future<?> stop() {
    if (halted || services == null) {
      return closeAll();
    }
    polling.stop();
    heartbeats.stop();
    Duration jobsDeadline = settings.timings().stopGrace().plusSeconds(10);
    return within(jobs.shutdown(), jobsDeadline)
        .compose(v -> within(services.reports().drained(), Duration.ofSeconds(10)))
        .eventually(this::closeAll);
  }

  /**
   * Simulates the host dying (for tests): jobs are killed, nothing more is sent to the coordinator.
   * Completes with the ids of the jobs it held, once their kills were sent. Undeploy afterwards to
   * release the agent's resources.
   */
  public Future<JsonArray> halt() {
    Promise<JsonArray> done = Promise.promise();
    context.runOnContext(
        v -> {
          halted = true;
          polling.halt();
          heartbeats.halt();
          services.reports().close();
          services.client().close(); // its open long poll ends as a dead host's connection would
          jobs.halt().onComplete(done);
        });
    return done.future();
  }

  /**
   * A snapshot for tests and diagnostics: active jobs (id to pid), report and heartbeat counters.
   */
  public Future<JsonObject> state() {
    Promise<JsonObject> result = Promise.promise();
    context.runOnContext(
        v ->
            result.complete(
                new JsonObject()
                    .put("active", jobs.pids())
                    .put("pending_reports", services.reports().pending())
                    .put("retried_reports", services.reports().retried())
                    .put("poll_failures", polling.failures())
                    .put("heartbeats", heartbeats.accepted())));
    return result.future();
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
