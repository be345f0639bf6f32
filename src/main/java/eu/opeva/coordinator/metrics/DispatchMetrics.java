package eu.opeva.coordinator.metrics;

import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the dispatch loop counts. Every method is called only on that loop (the single writer); the
 * values the scrape reads are atomics, and every meter is found once and kept, so an update is an
 * array or map look-up and an atomic add.
 */
public final class DispatchMetrics {
  /** The {@code host} label of the queue entries that any host may take (not pinned). */
  public static final String ANY_HOST = "*";

  /** Why a worker's report was refused (fenced) before it reached the job. */
  public enum Fenced {
    /** The report names an attempt that is not the live one. */
    STALE_ATTEMPT,
    /** Another worker holds the job now. */
    OTHER_WORKER,
    /** The job was never dispatched to the reporting worker. */
    NEVER_HELD;

    final String wire = name().toLowerCase(java.util.Locale.ROOT);
  }

  private static final Mark[] RECOVERY_MARKS = {
    Mark.STALE_STATUS, Mark.CLAIM_EXPIRED, Mark.WORKER_OFFLINE, Mark.UNDELIVERED
  };

  private final MeterRegistry registry;
  private final AtomicLong[] jobs = new AtomicLong[JobStatus.values().length];
  private final AtomicInteger waitingPolls = new AtomicInteger();
  private final Timer latency;
  private final Counter[][] transitions =
      new Counter[JobStatus.values().length + 1][JobStatus.values().length];
  private final Map<String, AtomicInteger> depth = new HashMap<>();
  private final Map<Mark, Counter> requeued = new EnumMap<>(Mark.class);
  private final Map<Mark, Counter> failed = new EnumMap<>(Mark.class);
  private final Map<RetryPolicy.Cause, Counter> retries = new EnumMap<>(RetryPolicy.Cause.class);
  private final Map<Fenced, Counter> fenced = new EnumMap<>(Fenced.class);

  DispatchMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (JobStatus s : JobStatus.values()) {
      AtomicLong n = new AtomicLong();
      jobs[s.ordinal()] = n;
      Gauge.builder("opeva.jobs", n, AtomicLong::get)
          .description("Jobs in the registry, by status")
          .tag("status", s.wire())
          .register(registry);
    }
    Gauge.builder("opeva.long.polls.waiting", waitingPolls, AtomicInteger::get)
        .description("Agent polls held by dispatch until a job comes (long polls)")
        .register(registry);
    latency =
        Timer.builder("opeva.dispatch.latency")
            .description(
                "From a job being ready in the queue (queued, its retry backoff over) to its"
                    + " dispatch being written and handed to a worker")
            .serviceLevelObjectives(
                Duration.ofMillis(5),
                Duration.ofMillis(25),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Duration.ofMinutes(10),
                Duration.ofHours(1))
            .register(registry);
    for (JobStatus from : JobStatus.values()) {
      for (JobStatus to : JobStatus.values()) {
        if (from.canTransition(to)) {
          transition(from, to, 0);
        }
      }
    }
    transition(null, JobStatus.QUEUED, 0);
    transition(null, JobStatus.WAITING, 0);
    for (Mark mark : RECOVERY_MARKS) {
      requeued.put(mark, recovery(mark, "requeue"));
      failed.put(mark, recovery(mark, "fail"));
    }
    for (RetryPolicy.Cause cause : RetryPolicy.Cause.values()) {
      retries.put(
          cause,
          Counter.builder("opeva.retries")
              .description("Attempts that ended badly and were queued again by the retry policy")
              .tag("cause", cause.wire())
              .register(registry));
    }
    for (Fenced reason : Fenced.values()) {
      fenced.put(
          reason,
          Counter.builder("opeva.fenced.reports")
              .description("Worker reports refused by fencing, by reason")
              .tag("reason", reason.wire)
              .register(registry));
    }
  }

  /** Metrics of their own, not scraped (tests and benchmarks of dispatch parts). */
  public static DispatchMetrics standalone() {
    return new DispatchMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /**
   * A dispatch verticle starts (again, after a restart in the same process): what it holds is
   * counted anew as it recovers its jobs, queue and polls; the counters go on.
   */
  public void starting() {
    for (AtomicLong n : jobs) {
      n.set(0);
    }
    depth.values().forEach(n -> n.set(0));
    waitingPolls.set(0);
  }

  /** A job entered {@code status} (was registered with it, or moved to it). */
  public void entered(JobStatus status) {
    jobs[status.ordinal()].incrementAndGet();
  }

  /** A job left {@code status} (moved on, or was deleted). */
  public void left(JobStatus status) {
    jobs[status.ordinal()].decrementAndGet();
  }

  /** The count of queued jobs that only {@code pinnedHost} may take (null: any host). */
  public AtomicInteger queueDepth(String pinnedHost, String profile) {
    String key = (pinnedHost == null ? "" : pinnedHost) + '|' + profile;
    AtomicInteger n = depth.get(key);
    if (n == null) {
      AtomicInteger created = new AtomicInteger();
      Gauge.builder("opeva.queue.depth", created, AtomicInteger::get)
          .description("Queued jobs by the host they are pinned to (* for any host) and profile")
          .tag("host", pinnedHost == null ? ANY_HOST : pinnedHost)
          .tag("profile", profile)
          .register(registry);
      depth.put(key, created);
      n = created;
    }
    return n;
  }

  /** The count of waiting long polls. */
  public AtomicInteger waitingPolls() {
    return waitingPolls;
  }

  /** A job was handed over {@code waitedMs} after it was ready in the queue. */
  public void dispatched(long waitedMs) {
    latency.record(Math.max(0, waitedMs), TimeUnit.MILLISECONDS);
  }

  /** A written change of status; {@code from} is null for a new job. */
  public void transition(JobStatus from, JobStatus to) {
    transition(from, to, 1);
  }

  private void transition(JobStatus from, JobStatus to, int n) {
    int row = from == null ? 0 : from.ordinal() + 1;
    Counter c = transitions[row][to.ordinal()];
    if (c == null) {
      c =
          Counter.builder("opeva.job.transitions")
              .description("Written changes of a job's status (from new: submissions)")
              .tag("from", from == null ? "new" : from.wire())
              .tag("to", to.wire())
              .register(registry);
      transitions[row][to.ordinal()] = c;
    }
    c.increment(n);
  }

  /** A monitor decision (or an undelivered payload) was applied: the job was requeued or failed. */
  public void recovered(Mark reason, boolean requeue) {
    Counter c = (requeue ? requeued : failed).get(reason);
    if (c != null) {
      c.increment();
    }
  }

  public void retried(RetryPolicy.Cause cause) {
    retries.get(cause).increment();
  }

  public void fenced(Fenced reason) {
    fenced.get(reason).increment();
  }

  private Counter recovery(Mark mark, String action) {
    return Counter.builder("opeva.recoveries")
        .description("Jobs the coordinator took back from a worker, by reason and action")
        .tag("reason", mark.wire())
        .tag("action", action)
        .register(registry);
  }
}
