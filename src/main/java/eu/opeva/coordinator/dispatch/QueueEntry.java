package eu.opeva.coordinator.dispatch;

import io.vertx.core.json.JsonObject;

/** One queued job as held in memory; {@code seq} orders the FIFO. */
record QueueEntry(
    String jobId,
    String preferredHost,
    boolean requireHost,
    double enqueuedAt,
    String submittedBy,
    String profile,
    long seq) {

  /** Pinned jobs may run only on their preferred host. */
  String pinnedHost() {
    return requireHost && preferredHost != null ? preferredHost : null;
  }

  /** The queue file's content ({@code queue/<id>.json}). */
  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("job_id", jobId)
            .put("preferred_host", preferredHost)
            .put("require_host", requireHost)
            .put("enqueued_at", enqueuedAt);
    if (submittedBy != null) {
      json.put("submitted_by", submittedBy);
    }
    return json;
  }

  QueueEntry withSeq(long newSeq) {
    return new QueueEntry(
        jobId, preferredHost, requireHost, enqueuedAt, submittedBy, profile, newSeq);
  }
}
