package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs this agent holds, one {@link JobRun} per job and attempt, and the last one that ended
 * (for heartbeats). A newer attempt of a job replaces the older one, which is killed: the new one
 * starts once the old one's process has exited, so two attempts of a job never run here at once. A
 * payload that arrives while the agent stops goes back to the queue. Used on the agent's event loop
 * only.
 */
final class AgentJobs {
  private static final Logger LOG = LoggerFactory.getLogger(AgentJobs.class);

  private final AgentServices services;
  private final Map<String, JobRun> runs = new LinkedHashMap<>();
  private boolean stopping;
  private String lastJobId;
  private JobStatus lastStatus;

  AgentJobs(AgentServices services) {
    this.services = services;
  }

  boolean hasFreeSlot() {
    return runs.size() < services.settings().slots();
  }

  /** Takes a polled payload; completes when the slot it took (if any) is free again. */
  Future<Void> accept(JsonObject payload) {
    if (stopping) {
      giveBack(payload);
      return Future.succeededFuture();
    }
    JobRun run;
    try {
      JobPayload job =
          JobPayload.fromJson(payload)
              .withEnvDefault(
                  AgentProtocol.API_URL_ENV,
                  services.settings().server().toString().replaceAll("/+$", ""));
      run = new JobRun(services, job, this::stopPending);
    } catch (RuntimeException e) {
      reportUnreadable(payload, e);
      return Future.succeededFuture();
    }
    String key = run.jobId() + "#" + run.attempt();
    // One attempt of a job at a time: the older ones are killed, and the new one starts once
    // their processes have exited.
    List<Future<JobStatus>> older = new ArrayList<>();
    for (JobRun old : runs.values()) {
      if (old.jobId().equals(run.jobId())) {
        old.drop("attempt " + run.attempt() + " of the job was dispatched here");
        older.add(old.ended());
      }
    }
    runs.put(key, run);
    if (!older.isEmpty()) {
      LOG.info(
          "job {} attempt {} waits for the end of the earlier attempt here",
          run.jobId(),
          run.attempt());
    }
    Promise<Void> slotFree = Promise.promise();
    Future.join(older)
        .transform(v -> run.start())
        .onComplete(
            ar -> {
              runs.remove(key, run);
              if (ar.succeeded() && ar.result() != null) {
                lastJobId = run.jobId();
                lastStatus = ar.result();
              }
              slotFree.complete();
            });
    return slotFree.future();
  }

  /**
   * A payload this agent cannot read fails its attempt (so the job does not sit {@code dispatched}
   * until a TTL), with {@code error: "payload_invalid: <why>"}. Only a payload without a usable job
   * id is dropped: nothing can be reported for it.
   */
  private void reportUnreadable(JsonObject payload, RuntimeException why) {
    Optional<JobPayload.AttemptId> id = JobPayload.attemptIdOf(payload);
    if (id.isEmpty()) {
      LOG.error("ignoring a job payload this agent cannot run: {}", payload.encode(), why);
      return;
    }
    String jobId = id.get().jobId();
    String error =
        "payload_invalid: " + (why.getMessage() == null ? why.toString() : why.getMessage());
    LOG.error(
        "job {} attempt {}: failing a payload this agent cannot run: {}",
        jobId,
        id.get().attempt(),
        payload.encode(),
        why);
    services
        .reports()
        .deliver(
            new StatusReport(
                jobId,
                JobStatus.FAILED,
                services.settings().workerId(),
                id.get().attempt(),
                null,
                null,
                null,
                error,
                null),
            false);
    lastJobId = jobId;
    lastStatus = JobStatus.FAILED;
  }

  /** A job that arrived while stopping goes straight back to the queue. */
  private void giveBack(JsonObject payload) {
    Optional<JobPayload.AttemptId> id = JobPayload.attemptIdOf(payload);
    if (id.isEmpty()) {
      LOG.error("ignoring a job payload this agent cannot run: {}", payload.encode());
      return;
    }
    String jobId = id.get().jobId();
    String workerId = services.settings().workerId();
    services
        .client()
        .report(StatusReport.of(jobId, JobStatus.QUEUED, workerId, id.get().attempt()))
        .onComplete(
            ar ->
                LOG.info(
                    "gave job {} back to the queue: {}",
                    jobId,
                    ar.succeeded() ? ar.result().status() : ar.cause().getMessage()));
  }

  /** Stop requests (from a heartbeat reply) for these jobs. */
  /** What a heartbeat says of this agent: its runs, its last job, its load. */
  JsonObject hostInfo() {
    return HostInfo.of(
        services.settings(),
        services.runner().name(),
        services.hostname(),
        active(),
        services.reports().undeliveredJobIds(),
        lastJobId(),
        lastStatus());
  }

  /**
   * Whether the coordinator has a stop request for this job (an extra heartbeat, whose reply lists
   * the stops for this worker: an agent token may not read job status).
   */
  Future<Boolean> stopPending(String jobId) {
    return services
        .client()
        .heartbeat(hostInfo())
        .map(
            reply -> {
              requestStops(reply.stopJobIds());
              return reply.stopJobIds().contains(jobId);
            });
  }

  void requestStops(List<String> jobIds) {
    for (String id : jobIds) {
      new ArrayList<>(runs.values())
          .stream().filter(run -> run.jobId().equals(id)).forEach(JobRun::requestStop);
    }
  }

  Collection<JobRun> active() {
    return Collections.unmodifiableCollection(runs.values());
  }

  /** Active jobs, job id to pid (-1 before the process started). */
  JsonObject pids() {
    JsonObject pids = new JsonObject();
    runs.values().forEach(run -> pids.put(run.jobId(), run.pid()));
    return pids;
  }

  String lastJobId() {
    return lastJobId;
  }

  JobStatus lastStatus() {
    return lastStatus;
  }

  /** No new jobs; running ones are terminated and reported. Completes when they have all ended. */
  Future<Void> shutdown() {
    stopping = true;
    List<Future<JobStatus>> ends = new ArrayList<>();
    for (JobRun run : runs.values()) {
      run.shutdown();
      ends.add(run.ended());
    }
    return Future.join(ends).mapEmpty();
  }

  /**
   * As if the host died: every job is killed, nothing reported. The ids of the jobs held, once the
   * kills were sent.
   */
  Future<JsonArray> halt() {
    JsonArray held = new JsonArray();
    List<Future<Void>> kills = new ArrayList<>();
    runs.values()
        .forEach(
            run -> {
              held.add(run.jobId());
              kills.add(run.halt());
            });
    return Future.join(kills).transform(v -> Future.succeededFuture(held));
  }
}
