package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings about where a job can run, from the monitor's view of the agents ({@code {started_at,
 * workers: {id: {last_seen, info}}}}): a job pinned to a host no agent of which was heard from
 * within the heartbeat TTL, or an unpinned job when no host that may take it has an agent, is
 * accepted but will wait; the warning says so instead of leaving the user with silence.
 */
public final class HostWarnings {
  private static final String WAITS = "; the job waits until one asks for work";

  /** Hosts named in a warning at most; the others are counted. */
  static final int NAMED = 5;

  private final Settings config;
  private final List<String> unpinned = new ArrayList<>();
  private final Set<String> unpinnedSet;

  /** The hosts that take jobs naming no target host are found once, from the settings. */
  public HostWarnings(Settings config) {
    this.config = config;
    for (String h : config.hosts().available()) {
      if (!config.hosts().settingsOf(h).pinnedOnly()) {
        unpinned.add(h);
      }
    }
    this.unpinnedSet = new HashSet<>(unpinned);
  }

  /**
   * The warnings for a job pinned to {@code host}, or unpinned when {@code host} is null; empty
   * when an agent that may take it was seen within the TTL. Looks only at the agents the monitor
   * has heard from, whatever the number of configured hosts.
   */
  public List<String> of(String host, JsonObject monitor, long nowMillis) {
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
    for (String worker : workers.fieldNames()) {
      Long lastSeen = lastSeen(workers, worker);
      if (unpinnedSet.contains(worker) && lastSeen != null && nowMillis - lastSeen <= ttl) {
        return List.of();
      }
    }
    if (unpinned.isEmpty()) {
      return List.of("no host takes jobs that name no target_host; the job waits until one does");
    }
    String named = String.join(", ", unpinned.subList(0, Math.min(NAMED, unpinned.size())));
    if (unpinned.size() > NAMED) {
      named += " and " + (unpinned.size() - NAMED) + " more";
    }
    return List.of(
        "no agent of a host that may take it ("
            + named
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
