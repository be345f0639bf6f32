package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings about where a job can run, from the monitor's view of the agents ({@code {started_at,
 * workers: {id: {last_seen, info}}}}): a job pinned to a host no agent of which was heard from
 * within the heartbeat TTL, or an unpinned job when no host that may take it has an agent, is
 * accepted but will wait; the warning says so instead of leaving the user with silence.
 */
public final class HostWarnings {
  private static final String WAITS = "; the job waits until one asks for work";

  private HostWarnings() {}

  /**
   * The warnings for a job pinned to {@code host}, or unpinned when {@code host} is null; empty
   * when an agent that may take it was seen within the TTL.
   */
  public static List<String> of(Settings config, String host, JsonObject monitor, long nowMillis) {
    JsonObject workers = monitor.getJsonObject("workers", new JsonObject());
    long ttl = config.hosts().heartbeatTtl().toMillis();
    if (host != null) {
      Long lastSeen = lastSeen(workers, host);
      if (lastSeen != null && nowMillis - lastSeen <= ttl) {
        return List.of();
      }
      String since =
          lastSeen == null
              ? "since start (" + iso(monitor.getValue("started_at")) + ")"
              : "within " + seconds(ttl) + " s (last seen " + Instant.ofEpochMilli(lastSeen) + ")";
      return List.of("no agent for host '" + host + "' has been seen " + since + WAITS);
    }
    List<String> candidates = new ArrayList<>();
    for (String h : config.hosts().available()) {
      if (!config.hosts().settingsOf(h).pinnedOnly()) {
        Long lastSeen = lastSeen(workers, h);
        if (lastSeen != null && nowMillis - lastSeen <= ttl) {
          return List.of();
        }
        candidates.add(h);
      }
    }
    return List.of(
        candidates.isEmpty()
            ? "no host takes jobs that name no target_host; the job waits until one does"
            : "no agent of a host that may take it ("
                + String.join(", ", candidates)
                + ") has been seen within "
                + seconds(ttl)
                + " s"
                + WAITS);
  }

  private static Long lastSeen(JsonObject workers, String host) {
    JsonObject hb = workers.getJsonObject(host);
    return hb != null && hb.getValue("last_seen") instanceof Number n
        ? Math.round(n.doubleValue() * 1000)
        : null;
  }

  private static String iso(Object epochSeconds) {
    return epochSeconds instanceof Number n
        ? Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000)).toString()
        : "unknown";
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
  }
}
