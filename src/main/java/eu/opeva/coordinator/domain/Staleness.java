package eu.opeva.coordinator.domain;

import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The staleness rules, pure (times in epoch milliseconds, no clock of its own). For a job a worker
 * holds it decides whether to requeue it, fail it, or leave it, from its times, its host's last
 * heartbeat and now. Every time rule runs from the coordinator's start at the earliest ({@code
 * since}): a coordinator that was down for an hour gives every worker and job its full TTL again.
 */
public final class Staleness {
  private final Settings settings;

  public Staleness(Settings settings) {
    this.settings = settings;
  }

  public enum Action {
    REQUEUE,
    FAIL
  }

  /** A recovery to apply: the mark it leaves in the status and, for a failure, the error. */
  public record Decision(Action action, Mark mark, String error) {}

  /**
   * What the monitor knows of a host: its last heartbeat (null if none since the start), the job
   * ids its last heartbeat said it runs and those it has yet to report the end of (each null if it
   * did not say).
   */
  public record HostView(
      Long lastSeen, List<String> activeJobIds, String activeJobId, List<String> unreportedJobIds) {
    public HostView(Long lastSeen, List<String> activeJobIds, String activeJobId) {
      this(lastSeen, activeJobIds, activeJobId, null);
    }
  }

  public Optional<Decision> decide(ActiveJob job, HostView host, long since, long now) {
    HostSettings hs = settings.hosts().settingsOf(job.host());
    boolean dispatched = job.status() == JobStatus.DISPATCHED;
    long updated = Math.max(job.statusUpdatedAt(), since);
    if (now - updated > statusTtl(dispatched, hs)) {
      if (dispatched && preserved(job, hs, host, since, now)) {
        return Optional.empty();
      }
      return Optional.of(
          dispatched
              ? new Decision(Action.REQUEUE, Mark.STALE_STATUS, null)
              : new Decision(Action.FAIL, Mark.STALE_STATUS, "stale_status"));
    }
    if (dispatched && disowned(job, host, since)) {
      return Optional.of(new Decision(Action.REQUEUE, Mark.UNDELIVERED, null));
    }
    Long dispatchedAt = job.dispatchedAt();
    if (dispatched
        && dispatchedAt != null
        && job.statusUpdatedAt() <= dispatchedAt
        && now - Math.max(dispatchedAt, since) > claimTtl(hs)) {
      return Optional.of(new Decision(Action.REQUEUE, Mark.CLAIM_EXPIRED, null));
    }
    if (offline(host, since, now)) {
      return Optional.of(
          dispatched
              ? new Decision(Action.REQUEUE, Mark.WORKER_OFFLINE, null)
              : new Decision(Action.FAIL, Mark.WORKER_OFFLINE, "worker_offline"));
    }
    return Optional.empty();
  }

  /**
   * A dispatch of an earlier coordinator life (before {@code since}) that its host disowns: a
   * heartbeat of this life, from an agent that lists both what it runs and what it has yet to
   * report, names the job in neither. The answer carrying it was lost in the crash (or the agent's
   * life that got it is gone), so it is requeued at once rather than after the claim TTL. Only a
   * dispatch of an earlier life: one of this life may be on its way to the agent while a heartbeat
   * built before it arrived comes in.
   */
  private static boolean disowned(ActiveJob job, HostView host, long since) {
    Long dispatchedAt = job.dispatchedAt();
    return host != null
        && host.lastSeen() != null
        && host.activeJobIds() != null
        && host.unreportedJobIds() != null
        && dispatchedAt != null
        && dispatchedAt < since
        && !host.activeJobIds().contains(job.jobId())
        && !host.unreportedJobIds().contains(job.jobId());
  }

  private boolean offline(HostView host, long since, long now) {
    long lastSeen = host == null || host.lastSeen() == null ? since : host.lastSeen();
    return now - Math.max(lastSeen, since) > millis(settings.hosts().offlineAfter());
  }

  private long statusTtl(boolean dispatched, HostSettings hs) {
    long ttl = millis(settings.jobs().statusTtl());
    if (dispatched && hs.dispatchStatusTtl().isPresent()) {
      ttl = Math.max(ttl, millis(hs.dispatchStatusTtl().get()));
    }
    return ttl;
  }

  /** A dispatch never acknowledged expires after the claim TTL (or the host's longer one). */
  private long claimTtl(HostSettings hs) {
    long ttl = millis(settings.claimTtl());
    return hs.dispatchStatusTtl().map(d -> Math.max(ttl, millis(d))).orElse(ttl);
  }

  /**
   * A stale dispatched job on a batch-scheduler host is kept while the scheduler still holds it:
   * its reported state is an active one, the host is alive, and the host does not disown it.
   */
  private boolean preserved(ActiveJob job, HostSettings hs, HostView host, long since, long now) {
    String state = job.slurmState();
    if (state == null
        || !hs.preserveDispatchedStates().contains(state.trim().toUpperCase(Locale.ROOT))) {
      return false;
    }
    if (host == null || offline(host, since, now)) {
      return false;
    }
    if (host.activeJobIds() != null && !host.activeJobIds().isEmpty()) {
      return host.activeJobIds().contains(job.jobId());
    }
    return host.activeJobId() == null
        || host.activeJobId().isEmpty()
        || job.jobId().equals(host.activeJobId());
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }
}
