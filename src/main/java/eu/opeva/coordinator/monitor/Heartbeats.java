package eu.opeva.coordinator.monitor;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.domain.Staleness;
import eu.opeva.coordinator.protocol.AgentProtocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Last heartbeat of every worker (epoch milliseconds) and the {@code info} it sent. */
final class Heartbeats {
  static final String LAST_SEEN = "last_seen";
  static final String INFO = "info";
  static final String LAST_STATUS_DETAILS = "last_status_details";
  static final String ACTIVE_JOB_IDS = "active_job_ids";
  static final String ACTIVE_JOB_ID = "active_job_id";

  private record Seen(long at, JsonObject info) {}

  private final Map<String, Seen> byWorker = new TreeMap<>();

  /** A heartbeat replaces the worker's info. */
  void record(String worker, JsonObject info, long now) {
    byWorker.put(worker, new Seen(now, info == null ? new JsonObject() : info));
  }

  /** A status report counts as a heartbeat and keeps the info, adding the report's details. */
  void touch(String worker, JsonObject details, long now) {
    Seen current = byWorker.get(worker);
    JsonObject info = current == null ? new JsonObject() : current.info().copy();
    if (details != null) {
      info.put(LAST_STATUS_DETAILS, details);
    }
    byWorker.put(worker, new Seen(now, info));
  }

  /** What the staleness rules need of a worker's last heartbeat. */
  Staleness.HostView view(String worker) {
    Seen seen = byWorker.get(worker);
    if (seen == null) {
      return new Staleness.HostView(null, null, null);
    }
    Object single = seen.info().getValue(ACTIVE_JOB_ID);
    return new Staleness.HostView(
        seen.at(),
        ids(seen.info(), ACTIVE_JOB_IDS),
        single == null ? null : String.valueOf(single),
        ids(seen.info(), AgentProtocol.UNREPORTED_JOB_IDS));
  }

  private static List<String> ids(JsonObject info, String field) {
    return info.getValue(field) instanceof JsonArray a
        ? a.stream().map(String::valueOf).toList()
        : null;
  }

  /** {@code {worker: {last_seen, info}}}, times in epoch seconds. */
  JsonObject all() {
    JsonObject out = new JsonObject();
    byWorker.forEach(
        (w, seen) ->
            out.put(
                w,
                new JsonObject()
                    .put(LAST_SEEN, EpochTime.seconds(seen.at()))
                    .put(INFO, seen.info())));
    return out;
  }
}
