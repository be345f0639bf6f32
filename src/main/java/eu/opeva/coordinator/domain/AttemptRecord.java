package eu.opeva.coordinator.domain;

/**
 * An ended attempt, as kept in the job's history: who ran it, when, and how it ended ({@code
 * status} is the terminal status, or {@code queued} when the job went back to the queue; {@code
 * reason} says why, e.g. {@code worker_offline}).
 */
public record AttemptRecord(
    int attempt,
    String workerId,
    Long dispatchedAt,
    Long startedAt,
    long endedAt,
    JobStatus status,
    String reason,
    Integer exitCode) {}
