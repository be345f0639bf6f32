package eu.opeva.coordinator.lease;

import eu.opeva.coordinator.domain.EpochTime;
import io.vertx.core.json.JsonObject;

/** The content of the lease file: who holds it, since when, and when it was last renewed. */
record LeaseRecord(String instance, String host, long pid, long startedAt, long renewedAt) {
  private static final String INSTANCE = "instance";
  private static final String HOST = "host";
  private static final String PID = "pid";
  private static final String STARTED_AT = "started_at";
  private static final String RENEWED_AT = "renewed_at";

  LeaseRecord renewed(long now) {
    return new LeaseRecord(instance, host, pid, startedAt, now);
  }

  /** Held by a process of this host that no longer runs: safe to take at once. */
  boolean heldByGoneProcessOf(String thisHost) {
    return host.equals(thisHost) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  String describe(long now) {
    return host
        + " pid "
        + pid
        + " (started "
        + EpochTime.seconds(startedAt)
        + ", renewed "
        + Math.max(0, (now - renewedAt) / 1000)
        + " s ago)";
  }

  JsonObject toJson() {
    return new JsonObject()
        .put(INSTANCE, instance)
        .put(HOST, host)
        .put(PID, pid)
        .put(STARTED_AT, EpochTime.seconds(startedAt))
        .put(RENEWED_AT, EpochTime.seconds(renewedAt));
  }

  /** Null when the file is missing or unreadable (then nobody holds it). */
  static LeaseRecord fromJson(JsonObject json) {
    if (json == null || json.getString(INSTANCE) == null) {
      return null;
    }
    Long started = EpochTime.parseMillis(json.getValue(STARTED_AT));
    Long renewed = EpochTime.parseMillis(json.getValue(RENEWED_AT));
    return new LeaseRecord(
        json.getString(INSTANCE),
        json.getString(HOST, ""),
        json.getLong(PID, -1L),
        started == null ? 0 : started,
        renewed == null ? 0 : renewed);
  }
}
