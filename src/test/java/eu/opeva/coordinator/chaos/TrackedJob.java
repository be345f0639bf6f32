package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What the driver knows of one job: how it was acknowledged, what it was submitted with, the
 * requests sent about it and every observation of it. Guarded by the {@link Ledger}'s lock while
 * the run goes on; read alone by the checks afterwards.
 */
final class TrackedJob {
  /** How the job came to be. */
  enum Origin {
    SUBMIT,
    PIPELINE,
    RERUN,
    PIPELINE_RERUN,
    /** Seen in a listing but never acknowledged: a request whose answer was lost created it. */
    UNACKNOWLEDGED
  }

  /** A request about the job: sent and answered (recv is MAX_VALUE without an answer). */
  record Request(long sentNanos, long recvNanos, long sentWall, int status) {
    boolean answered() {
      return recvNanos != Long.MAX_VALUE;
    }
  }

  final String id;
  final Origin origin;
  final String pipelineId;
  final long ackNanos;
  final long ackWall;

  /** As submitted (plain submissions only; null otherwise). */
  final List<String> dependsOn;

  final Integer priority;
  final Integer maxAttempts;

  /** Some job was submitted depending on this one: it is never force-moved by the workload. */
  boolean dependedOn;

  /** An operator requeue was sent (acknowledged or not): its windows exempt "terminal left". */
  final List<Request> requeues = new ArrayList<>();

  /**
   * A re-run of it (or of its pipeline) was sent: linking the re-run changes its version, maybe
   * after the answer (pipeline re-runs), so it is no stable target of a fenced report any more.
   */
  boolean rerunSource;

  /** An operator fail or cancel was sent: the job may be ended while its process still runs. */
  boolean endedByOps;

  final List<Request> deletes = new ArrayList<>();

  /** When a delete now in flight was sent (0: none is). */
  long deleting;

  final List<Observation> observations = new ArrayList<>();

  /** A request of the workload about it is in flight. */
  boolean busy;

  String lastStatus;
  int lastAttempt;
  long lastSentNanos = Long.MIN_VALUE;

  /** The end: the status document (null when 404), the job info; unknown when never answered. */
  JsonObject finalStatus;

  JsonObject finalInfo;
  boolean finalKnown;

  TrackedJob(
      String id,
      Origin origin,
      String pipelineId,
      long ackNanos,
      long ackWall,
      List<String> dependsOn,
      Integer priority,
      Integer maxAttempts) {
    this.id = id;
    this.origin = origin;
    this.pipelineId = pipelineId;
    this.ackNanos = ackNanos;
    this.ackWall = ackWall;
    this.dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
    this.priority = priority;
    this.maxAttempts = maxAttempts;
  }

  boolean acknowledged() {
    return origin != Origin.UNACKNOWLEDGED;
  }

  /** The first acknowledged delete's answer time, or MAX_VALUE. */
  long deletedAtNanos() {
    return deletes.stream()
        .filter(d -> d.status() == 200)
        .mapToLong(Request::recvNanos)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  boolean deleteAcknowledged() {
    return deletedAtNanos() != Long.MAX_VALUE;
  }

  boolean deleteSent() {
    return !deletes.isEmpty();
  }

  /** Not seen ending and not deleted: counts against the open-job limit. */
  boolean open() {
    return !deleteAcknowledged() && !Observation.isTerminal(lastStatus);
  }
}
