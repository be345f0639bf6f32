package eu.opeva.coordinator.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's heartbeats: what it runs and how loaded it is ({@link HostInfo}), one at a time at
 * the configured interval; the reply's stop requests go to the jobs, and each accepted one tells
 * {@code answered} that the coordinator is there (to end the backoff of polls and reports). Used on
 * the agent's event loop only.
 */
final class Heartbeats {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

  private final AgentServices services;
  private final AgentJobs jobs;
  private final Runnable answered;
  private boolean halted;
  private boolean inFlight;
  private int failures;
  private long accepted;
  private long timer = -1;

  Heartbeats(AgentServices services, AgentJobs jobs, Runnable answered) {
    this.services = services;
    this.jobs = jobs;
    this.answered = answered;
  }

  /** Beats now and then at the interval. */
  void start() {
    beat();
    long interval = services.settings().timings().heartbeat().toMillis();
    timer = services.io().vertx().setPeriodic(interval, t -> beat());
  }

  private void beat() {
    if (inFlight || halted) {
      return;
    }
    inFlight = true;
    AgentSettings settings = services.settings();
    services
        .client()
        .heartbeat(jobs.hostInfo())
        .onComplete(
            ar -> {
              inFlight = false;
              if (ar.failed() && services.refusal().refuses(ar.cause())) {
                halt();
                return;
              }
              if (ar.failed()) {
                if (++failures == 1 || failures % 20 == 0) {
                  LOG.warn(
                      "heartbeat to {} failed: {}", settings.server(), ar.cause().getMessage());
                }
                return;
              }
              failures = 0;
              accepted++;
              services.refusal().accepted();
              jobs.requestStops(ar.result().stopJobIds());
              answered.run();
            });
  }

  /** How many heartbeats the coordinator accepted. */
  long accepted() {
    return accepted;
  }

  void stop() {
    services.io().vertx().cancelTimer(timer);
  }

  /** No more heartbeats at all. */
  void halt() {
    halted = true;
    stop();
  }
}
