package eu.opeva.coordinator.domain;

import io.vertx.core.json.JsonObject;

/**
 * One job's registry entry, as stored in {@code job_track.json}. Backed by a JSON object so that
 * fields written by older versions survive a round trip; typed accessors for what logic reads.
 * Mutable and owned by the dispatch verticle alone.
 */
public final class JobEntry {
  private final JsonObject meta;

  public JobEntry(JsonObject meta) {
    this.meta = meta;
  }

  public JsonObject json() {
    return meta;
  }

  public String jobId() {
    return meta.getString("job_id");
  }

  public JobStatus status() {
    return JobStatus.parse(meta.getString("status")).orElse(JobStatus.UNKNOWN);
  }

  public void status(JobStatus status) {
    meta.put("status", status.wire());
  }

  public String jobName() {
    String name = meta.getString("job_name");
    return name == null || name.isBlank() ? jobId() : name;
  }

  /** The worker holding the job, or the pinned host while queued. */
  public String targetHost() {
    return blankToNull(meta.getString("target_host"));
  }

  public String preferredHost() {
    return blankToNull(meta.getString("preferred_host"));
  }

  public boolean requireHost() {
    Boolean require = meta.getBoolean("require_host");
    return require != null ? require : preferredHost() != null;
  }

  /** The worker the current attempt was dispatched to, if any. */
  public String workerId() {
    return blankToNull(meta.getString("worker_id"));
  }

  public int attempt() {
    return meta.getInteger("attempt_number", 0);
  }

  public Double time(String key) {
    Object v = meta.getValue(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }

  public JsonObject deucalionOptions() {
    Object v = meta.getValue("deucalion_options");
    return v instanceof JsonObject o ? o : null;
  }

  public JsonObject details() {
    Object v = meta.getValue("details");
    return v instanceof JsonObject o ? o : null;
  }

  /**
   * {@code gpu} when the job's scheduler options, resources or details ask for a GPU, else {@code
   * cpu}.
   */
  public String profile() {
    Object resources = meta.getValue("resources");
    return JobProfile.of(
        deucalionOptions(), resources instanceof JsonObject r ? r : null, details());
  }

  /** The host whose slots the job occupies while active. */
  public String slotHost() {
    String host = targetHost();
    return host != null ? host : preferredHost();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
