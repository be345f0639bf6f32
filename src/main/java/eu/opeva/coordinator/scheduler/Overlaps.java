package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Pipeline;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What earlier runs' jobs and pipelines are doing, read through dispatch like any client, and
 * stopping them ({@code cancel_previous}): {@code /stop} for a job, a pipeline's cancel.
 */
final class Overlaps {
  private static final Logger LOG = LoggerFactory.getLogger(Overlaps.class);

  /** The status of a job or pipeline that no longer exists. */
  static final String DELETED = "deleted";

  /** A job already asked to stop (still active, not stopped again). */
  static final String STOPPING = JobStatus.STOP_REQUESTED.wire();

  /** A status that could not be read (taken as still active). */
  static final String UNKNOWN = "unknown";

  private static final Set<String> PIPELINE_ENDED =
      Set.of(
          Pipeline.State.FINISHED.wire(),
          Pipeline.State.FAILED.wire(),
          Pipeline.State.CANCELED.wire());

  private final DispatchClient dispatch;

  Overlaps(DispatchClient dispatch) {
    this.dispatch = dispatch;
  }

  /** Whether a status read by {@link #statuses} is an end (a job or pipeline gone counts). */
  static boolean ended(String status) {
    if (status == null || UNKNOWN.equals(status)) {
      return false;
    }
    return DELETED.equals(status)
        || PIPELINE_ENDED.contains(status)
        || JobStatus.parse(status).map(JobStatus::isTerminal).orElse(false);
  }

  /** The current status of each run's job or pipeline, by its id. */
  Future<Map<String, String>> statuses(List<ScheduleRun> runs, boolean pipeline) {
    List<Future<String>> reads = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (ScheduleRun r : runs) {
      String id = r.created();
      ids.add(id);
      reads.add(
          (pipeline ? dispatch.pipeline(id) : dispatch.status(id))
              .map(doc -> doc.getString(JobFields.STATUS, UNKNOWN))
              .recover(
                  err ->
                      Future.succeededFuture(
                          err instanceof ApiFailure f && f.status() == 404 ? DELETED : UNKNOWN)));
    }
    return Future.join(reads)
        .transform(
            ar -> {
              Map<String, String> out = new HashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                Future<String> read = reads.get(i);
                out.put(ids.get(i), read.succeeded() ? read.result() : UNKNOWN);
              }
              return Future.succeededFuture(out);
            });
  }

  /** Stops the jobs or pipelines (each one's refusal, such as "already ended", is ignored). */
  Future<Void> cancel(List<String> ids, boolean pipeline) {
    List<Future<?>> stops = new ArrayList<>();
    for (String id : ids) {
      stops.add(
          (pipeline ? dispatch.cancelPipeline(id) : dispatch.stop(id))
              .onFailure(
                  err -> LOG.info("stopping {} for cancel_previous: {}", id, err.getMessage())));
    }
    return Future.join(stops).transform(ar -> Future.succeededFuture());
  }
}
