package eu.opeva.coordinator.agent;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the coordinator for jobs while a slot is free: one {@code next-job} long poll at a time,
 * backing off while the coordinator is unreachable (until it answers again: a heartbeat that goes
 * through ends the backoff), and waiting a little after an early "no job" (a coordinator without
 * long polls, or one shutting down). Used on the agent's event loop only.
 */
final class JobPolling {
  private static final Logger LOG = LoggerFactory.getLogger(JobPolling.class);
  private static final long IDLE_POLL_MS = 2_000;

  private final AgentServices services;
  private final AgentJobs jobs;
  private final Backoff backoff;
  private boolean stopped;
  private boolean halted;
  private boolean polling;
  private int failures;
  private long timer = -1;

  JobPolling(AgentServices services, AgentJobs jobs, Backoff backoff) {
    this.services = services;
    this.jobs = jobs;
    this.backoff = backoff;
  }

  /** Polls unless a poll is open, no slot is free, or polling has stopped. */
  void pollIfIdle() {
    if (stopped || polling || !jobs.hasFreeSlot()) {
      return;
    }
    polling = true;
    AgentSettings settings = services.settings();
    double wait = settings.timings().pollWait().toMillis() / 1000.0;
    long asked = System.nanoTime();
    services
        .client()
        .nextJob(wait)
        .onComplete(
            ar -> {
              polling = false;
              if (halted || (stopped && (ar.failed() || ar.result() == null))) {
                return;
              }
              if (ar.failed() && services.refusal().refuses(ar.cause())) {
                halt();
                return;
              }
              if (ar.failed()) {
                Duration delay = backoff.delay(++failures);
                if (failures == 1 || failures % 10 == 0) {
                  LOG.warn(
                      "polling {} failed ({}); retrying in {} ms",
                      settings.server(),
                      ar.cause().getMessage(),
                      delay.toMillis());
                }
                later(delay.toMillis());
                return;
              }
              failures = 0;
              services.refusal().accepted();
              if (ar.result() != null) {
                // A job that arrives after the stop is given back by the jobs.
                jobs.accept(ar.result()).onComplete(v -> pollIfIdle());
                pollIfIdle();
              } else if (wait >= 2 && System.nanoTime() - asked < (long) ((wait - 1) * 1e9)) {
                later(IDLE_POLL_MS);
              } else {
                pollIfIdle();
              }
            });
  }

  /**
   * The coordinator answered (a heartbeat went through): a poll waiting out its backoff goes now,
   * so free slots take work within a heartbeat of a coordinator's restart instead of up to the
   * longest retry delay later.
   */
  void coordinatorAnswered() {
    if (failures == 0 || polling || stopped) {
      return;
    }
    services.io().vertx().cancelTimer(timer);
    pollIfIdle();
  }

  /** Polls that failed in a row (the coordinator unreachable), 0 after one went through. */
  int failures() {
    return failures;
  }

  private void later(long delayMs) {
    timer = services.io().vertx().setTimer(delayMs, t -> pollIfIdle());
  }

  /** No new polls; the answer to an open poll is still taken (a job is then given back). */
  void stop() {
    stopped = true;
    services.io().vertx().cancelTimer(timer);
  }

  /** No new polls, and the answer to an open poll is ignored. */
  void halt() {
    halted = true;
    stop();
  }
}
