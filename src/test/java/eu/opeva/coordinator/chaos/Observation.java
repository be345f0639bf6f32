package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonObject;

/**
 * One look at a job from outside: what the coordinator showed between {@code sentNanos} and {@code
 * recvNanos} (monotonic clock; {@code sentWall} on the wall clock). {@code status} is null when the
 * job did not exist (404); {@code version} is -1 when the answer carried none (a submission's
 * answer).
 */
record Observation(
    long sentNanos,
    long recvNanos,
    long sentWall,
    String status,
    long version,
    int attempt,
    boolean marked,
    String source) {

  static final String MARKER = "chaos-fenced";

  /** A job's status document (or a listing's {@code job_meta}) as an observation. */
  static Observation of(JsonObject doc, ChaosHttp.Answer a, String source) {
    return new Observation(
        a.sentNanos(),
        a.recvNanos(),
        a.sentWall(),
        doc.getString("status"),
        doc.getLong("version", -1L),
        doc.getInteger("attempt_number", 0),
        doc.encode().contains(MARKER),
        source);
  }

  static Observation absent(ChaosHttp.Answer a, String source) {
    return new Observation(a.sentNanos(), a.recvNanos(), a.sentWall(), null, -1, 0, false, source);
  }

  /** The status named in an operation's 200 answer (no version). */
  static Observation answered(ChaosHttp.Answer a, String status, String source) {
    return new Observation(
        a.sentNanos(), a.recvNanos(), a.sentWall(), status, -1, 0, false, source);
  }

  boolean exists() {
    return status != null;
  }

  boolean terminal() {
    return isTerminal(status);
  }

  /** Whether {@code this} was answered before {@code later} was sent: their order is certain. */
  boolean before(Observation later) {
    return recvNanos < later.sentNanos;
  }

  static boolean isTerminal(String status) {
    return "finished".equals(status)
        || "failed".equals(status)
        || "stopped".equals(status)
        || "canceled".equals(status);
  }

  static boolean isActive(String status) {
    return "dispatched".equals(status)
        || "running".equals(status)
        || "stop_requested".equals(status);
  }
}
