package eu.opeva.coordinator.monitor;

import eu.opeva.coordinator.settings.HostSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Pure staleness rules (no clock of its own, no I/O). For an active job it decides whether to
 * requeue it, fail it, or leave it, from its times, its host's last heartbeat and {@code now}.
 */
public final class Staleness {
  private final Settings config;

  public Staleness(Settings config) {
    this.config = config;
  }

  /** A recovery to apply: {@code action} is {@code requeue} or {@code fail}. */
  public record Decision(String action, JsonObject extras) {}

  /** What the monitor knows of a host: last heartbeat (or the monitor's start) and its info. */
  public record HostView(double lastSeen, JsonObject info) {}

  public Optional<Decision> decide(String host, JsonObject job, HostView hostView, double now) {
    String status = job.getString("status");
    HostSettings settings = config.hosts().settingsOf(host);
    double statusTtl = statusTtl(status, settings);
    Double updated = job.getDouble("status_updated_at");
    if (updated != null && now - updated > statusTtl) {
      if ("dispatched".equals(status) && preserved(job, settings, hostView, now)) {
        return Optional.empty();
      }
      return Optional.of(
          "dispatched".equals(status)
              ? new Decision("requeue", new JsonObject().put("stale_status", true))
              : new Decision("fail", new JsonObject().put("error", "stale_status")));
    }
    Double dispatchedAt = job.getDouble("dispatched_at");
    if ("dispatched".equals(status)
        && dispatchedAt != null
        && updated != null
        && updated <= dispatchedAt
        && now - dispatchedAt > claimTtl(settings)) {
      return Optional.of(new Decision("requeue", new JsonObject().put("claim_expired", true)));
    }
    if (hostView != null && now - hostView.lastSeen() > seconds(config.hosts().offlineAfter())) {
      return Optional.of(
          "dispatched".equals(status)
              ? new Decision("requeue", new JsonObject().put("worker_offline", true))
              : new Decision("fail", new JsonObject().put("error", "worker_offline")));
    }
    return Optional.empty();
  }

  private double statusTtl(String status, HostSettings settings) {
    double ttl = seconds(config.jobs().statusTtl());
    if ("dispatched".equals(status) && settings.dispatchStatusTtl().isPresent()) {
      ttl = Math.max(ttl, seconds(settings.dispatchStatusTtl().get()));
    }
    return ttl;
  }

  /**
   * A claim never acknowledged by its worker expires after QUEUE_CLAIM_TTL (hosts with a long
   * dispatch TTL get that).
   */
  private double claimTtl(HostSettings settings) {
    double ttl = seconds(config.claimTtl());
    return settings.dispatchStatusTtl().map(d -> Math.max(ttl, seconds(d))).orElse(ttl);
  }

  /**
   * A stale dispatched job on a batch-scheduler host is kept while the scheduler still holds it:
   * its reported state is an active one, the host is alive, and the host's info does not disown it.
   */
  private boolean preserved(JsonObject job, HostSettings settings, HostView host, double now) {
    String state = job.getString("slurm_state");
    if (state == null
        || !settings.preserveDispatchedStates().contains(state.trim().toUpperCase())) {
      return false;
    }
    if (host == null || now - host.lastSeen() > seconds(config.hosts().offlineAfter())) {
      return false;
    }
    JsonObject info = host.info() == null ? new JsonObject() : host.info();
    String jobId = job.getString("job_id");
    Object ids = info.getValue("active_job_ids");
    if (ids instanceof JsonArray list && !list.isEmpty()) {
      return list.contains(jobId);
    }
    Object single = info.getValue("active_job_id");
    return single == null
        || String.valueOf(single).isEmpty()
        || jobId.equals(String.valueOf(single));
  }

  static double seconds(java.time.Duration d) {
    return d.toMillis() / 1000.0;
  }
}
