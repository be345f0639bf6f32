package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobEntry;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Builds {@code status.json}: the event's extras plus the fields that must survive every write
 * (worker, container, exit code, attempt) and the lifecycle fields recovery needs.
 */
final class StatusDocs {
  static final List<String> CARRIED =
      List.of(
          "worker_id",
          "container_id",
          "container_name",
          "exit_code",
          "details",
          "target_host",
          "preferred_host",
          "require_host",
          "submitted_at",
          "queued_at",
          "dispatched_at",
          "started_at",
          "stop_requested_at",
          "finished_at",
          "requeue_count",
          "attempt_number");

  private StatusDocs() {}

  static JsonObject of(JobEntry entry, JsonObject extras) {
    JsonObject m = entry.json();
    JsonObject doc =
        new JsonObject().put("job_id", entry.jobId()).put("status", entry.status().wire());
    for (String key : CARRIED) {
      if (m.getValue(key) != null) {
        doc.put(key, m.getValue(key));
      }
    }
    doc.put("attempt", entry.attempt());
    if (extras != null) {
      extras.forEach(e -> doc.put(e.getKey(), e.getValue()));
    }
    return doc.put("status_updated_at", m.getValue("status_updated_at"))
        .put("last_status_at", m.getValue("last_status_at"));
  }
}
