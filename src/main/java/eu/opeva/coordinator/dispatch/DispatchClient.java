package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.ATTEMPT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusClient;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.jobstore.PipelineJson;
import eu.opeva.coordinator.protocol.NextJobRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Typed facade over the dispatch verticle's addresses. Failures arrive as {@code ApiFailure}. */
public final class DispatchClient {
  static final String BODY = "body";
  static final String ACTION = "action";
  static final String REASON = JobFields.REASON;

  /** In a forwarded report: its worker was proven by an agent token. */
  public static final String VERIFIED = "worker_verified";

  /**
   * A change is answered when it is written or abandoned (it must start writing within the storage
   * write-start timeout), never by the bus timing out while it may still happen: the timeout of
   * changes is far beyond any write. Reads are answered from memory.
   */
  private static final DeliveryOptions CHANGE = new DeliveryOptions().setSendTimeout(600_000);

  private static final DeliveryOptions READ = new DeliveryOptions().setSendTimeout(30_000);
  private final BusClient bus;
  private JobStatuses local;

  public DispatchClient(Vertx vertx) {
    this.bus = new BusClient(vertx, CHANGE);
    JobPageCodec.registerOn(vertx.eventBus());
  }

  /**
   * Answers status reads from {@code view} once a dispatcher of this process keeps it (see {@link
   * JobStatuses}), without a trip to the dispatch loop; before that, and without one, over the bus.
   */
  public DispatchClient readingFrom(JobStatuses view) {
    this.local = view;
    return this;
  }

  public Future<JsonObject> submit(JsonObject body) {
    return submit(body, SubmitContext.NONE);
  }

  /** A submission with its context (idempotency key, parent job, schedule run). */
  public Future<JsonObject> submit(JsonObject body, SubmitContext context) {
    return bus.request(DispatchAddresses.SUBMIT, SubmitContext.message(body, context));
  }

  public Future<JsonObject> rerun(String jobId, JsonObject body) {
    return bus.request(DispatchAddresses.RERUN, withJob(jobId).put(BODY, body));
  }

  /** {@code {pipeline_id, name, status, jobs: {key: job_id}}}. */
  public Future<JsonObject> createPipeline(JsonObject body) {
    return createPipeline(body, SubmitContext.NONE);
  }

  public Future<JsonObject> createPipeline(JsonObject body, SubmitContext context) {
    return bus.request(DispatchAddresses.PIPELINE_CREATE, SubmitContext.message(body, context));
  }

  /** {@code {pipelines: [...], total}}, newest first. */
  public Future<JsonObject> pipelines(int offset, int limit) {
    return bus.request(
        DispatchAddresses.PIPELINE_LIST,
        new JsonObject().put("offset", offset).put("limit", limit),
        READ);
  }

  public Future<JsonObject> pipeline(String pipelineId) {
    return bus.request(DispatchAddresses.PIPELINE_GET, withPipeline(pipelineId), READ);
  }

  public Future<JsonObject> cancelPipeline(String pipelineId) {
    return bus.request(DispatchAddresses.PIPELINE_CANCEL, withPipeline(pipelineId));
  }

  public Future<JsonObject> rerunPipeline(String pipelineId, JsonObject body) {
    return bus.request(DispatchAddresses.PIPELINE_RERUN, withPipeline(pipelineId).put(BODY, body));
  }

  private static JsonObject withPipeline(String pipelineId) {
    return new JsonObject().put(PipelineJson.PIPELINE_ID, pipelineId);
  }

  /** Waits up to the request's wait for a job; the reply has {@code job} or is empty. */
  public Future<JsonObject> nextJob(NextJobRequest request, String waitId) {
    var options =
        new DeliveryOptions().setSendTimeout(Math.round(request.waitSeconds() * 1000) + 600_000);
    return bus.request(
        DispatchAddresses.NEXT_JOB, request.toJson().put(AgentDispatch.WAIT_ID, waitId), options);
  }

  public void cancelWait(String waitId) {
    bus.send(DispatchAddresses.CANCEL_WAIT, new JsonObject().put(AgentDispatch.WAIT_ID, waitId));
  }

  public Future<JsonObject> undeliverable(String jobId, int attempt) {
    return bus.request(DispatchAddresses.UNDELIVERABLE, withJob(jobId).put(ATTEMPT, attempt));
  }

  /** A worker's report (the validated {@code job-status} body). */
  public Future<JsonObject> report(JsonObject report) {
    return bus.request(DispatchAddresses.REPORT, report);
  }

  /** A user's stop request ({@code /stop}). */
  public Future<JsonObject> stop(String jobId) {
    return bus.request(DispatchAddresses.STOP, withJob(jobId));
  }

  /**
   * An operator action on one job: {@code requeue}, {@code fail}, {@code cancel} or {@code stop}.
   */
  public Future<JsonObject> opsJob(String action, String jobId, JsonObject body) {
    return bus.request(
        DispatchAddresses.OPS_JOB, withJob(jobId).put(ACTION, action).put(BODY, body));
  }

  /** An operator cleanup: {@code queue} or {@code jobs}. */
  public Future<JsonObject> opsCleanup(String action, JsonObject body) {
    return bus.request(
        DispatchAddresses.OPS_CLEANUP, new JsonObject().put(ACTION, action).put(BODY, body));
  }

  public Future<JsonObject> delete(String jobId) {
    return bus.request(DispatchAddresses.DELETE, withJob(jobId));
  }

  public Future<JsonObject> recover(RecoveryRequest decision) {
    return bus.request(DispatchAddresses.RECOVER, decision.toJson());
  }

  /** The job's {@code status.json} as last written. */
  public Future<JsonObject> status(String jobId) {
    if (local != null && local.live()) {
      try {
        return Future.succeededFuture(JobQueries.statusOf(local.get(jobId)));
      } catch (ApiFailure notFound) {
        return Future.failedFuture(notFound);
      }
    }
    return bus.request(DispatchAddresses.STATUS, withJob(jobId), READ);
  }

  /** The job's registry entry (its {@code job_track.json} form). */
  public Future<JsonObject> job(String jobId) {
    return bus.request(DispatchAddresses.JOB, withJob(jobId), READ);
  }

  /** {@link WhyFacts} of a job, or a 404. */
  public Future<JsonObject> why(String jobId) {
    return bus.request(DispatchAddresses.WHY, withJob(jobId), READ);
  }

  /** A page of jobs as last written (see {@link JobPage}). */
  public Future<JobPage> jobs(JobFilter filter) {
    return bus.request(DispatchAddresses.JOBS, filter.toJson(), READ, JobPage.class);
  }

  public Future<JsonArray> queue() {
    return bus.request(DispatchAddresses.QUEUE, new JsonObject(), READ)
        .map(r -> r.getJsonArray(JobQueries.ENTRIES));
  }

  /** Active jobs per host (see {@link ActiveJobs#fromJson}). */
  public Future<JsonObject> active() {
    return bus.request(DispatchAddresses.ACTIVE, new JsonObject(), READ);
  }

  public Future<JsonObject> drain() {
    return bus.request(DispatchAddresses.DRAIN, new JsonObject());
  }

  public Future<JsonObject> stats() {
    return bus.request(DispatchAddresses.STATS, new JsonObject(), READ);
  }

  public Future<List<String>> stopRequests(String workerId) {
    return bus.request(
            DispatchAddresses.STOP_REQUESTS, new JsonObject().put(WORKER_ID, workerId), READ)
        .map(r -> r.getJsonArray(JobQueries.JOBS).stream().map(String::valueOf).toList());
  }

  private static JsonObject withJob(String jobId) {
    return new JsonObject().put(JOB_ID, jobId);
  }
}
