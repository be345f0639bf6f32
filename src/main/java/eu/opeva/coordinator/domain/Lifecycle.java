package eu.opeva.coordinator.domain;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Lifecycle timestamps and counters, done right: {@code attempt_number} rises on every dispatch,
 * {@code requeue_count} on every requeue of any kind, and a requeue clears the previous attempt's
 * terminal timestamps and runtime fields.
 */
public final class Lifecycle {
  /** Runtime fields of one attempt; cleared when the job goes back to the queue. */
  public static final List<String> ATTEMPT_FIELDS =
      List.of(
          "container_id",
          "container_name",
          "exit_code",
          "error",
          "details",
          "stop_requested",
          "stop_requested_at",
          "stop_reason",
          "worker_id",
          "last_host",
          "started_at",
          "finished_at",
          "dispatched_at",
          "stale_status",
          "failed_by_ops",
          "canceled_by_ops",
          "stopped_by_ops",
          "terminate_requested");

  private Lifecycle() {}

  /** Applies the move from the entry's current status to {@code to} at time {@code ts}. */
  public static void apply(JobEntry entry, JobStatus to, double ts) {
    JsonObject m = entry.json();
    JobStatus prev = JobStatus.parse(m.getString("status")).orElse(null);
    boolean changed = prev != to;
    m.put("last_status_at", ts).put("status_updated_at", ts);
    putIfAbsent(m, "submitted_at", ts);
    switch (to) {
      case QUEUED -> {
        if (prev == null || prev == JobStatus.LAUNCHING) {
          putIfAbsent(m, "queued_at", ts);
        } else if (changed) {
          m.put("requeue_count", m.getInteger("requeue_count", 0) + 1).put("queued_at", ts);
          ATTEMPT_FIELDS.forEach(m::remove);
        }
      }
      case DISPATCHED -> {
        if (changed) {
          m.put("attempt_number", m.getInteger("attempt_number", 0) + 1);
        }
        putIfAbsent(m, "queued_at", ts);
        m.put("dispatched_at", ts);
      }
      case RUNNING -> {
        putIfAbsent(m, "queued_at", ts);
        putIfAbsent(m, "started_at", ts);
      }
      case STOP_REQUESTED -> m.put("stop_requested_at", ts);
      default -> {
        // other states carry no timestamps of their own
      }
    }
    if (to.isTerminal()) {
      m.put("finished_at", ts);
      // A job that dies before running still ends its queue wait.
      putIfAbsent(m, "started_at", ts);
    }
    putIfAbsent(m, "queued_at", m.getValue("submitted_at"));
    entry.status(to);
  }

  /** Worker-reported {@code details.queued_at / started_at} may move those timestamps earlier. */
  public static void applyDetailTimestamps(JobEntry entry, JsonObject details) {
    if (details == null) {
      return;
    }
    for (String key : List.of("queued_at", "started_at")) {
      Double reported = epochSeconds(details.getValue(key));
      if (reported != null) {
        Double current = entry.time(key);
        entry.json().put(key, current == null ? reported : Math.min(current, reported));
      }
    }
  }

  /** Epoch seconds from a number, a numeric string, or ISO-8601 (naive means UTC). */
  public static Double epochSeconds(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    String t = s.trim();
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException ignored) {
      // not numeric
    }
    try {
      return Instant.parse(t).toEpochMilli() / 1000.0;
    } catch (DateTimeParseException ignored) {
      // maybe with an offset or naive
    }
    try {
      return java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli() / 1000.0;
    } catch (DateTimeParseException ignored) {
      // maybe naive
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli()
          / 1000.0;
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  private static void putIfAbsent(JsonObject m, String key, Object value) {
    if (m.getValue(key) == null && value != null) {
      m.put(key, value);
    }
  }
}
