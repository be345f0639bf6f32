package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.LogFmt;
import eu.opeva.coordinator.bus.RequestIds;
import eu.opeva.coordinator.domain.AttemptRecord;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.StatusNote;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code key=value} line per written change of a job's status or attempt: {@code job_id},
 * {@code from}, {@code to}, {@code attempt}, {@code worker} (the one holding the attempt, or the
 * one it was taken from), {@code reason} and the {@code request_id} of the request being served
 * when it was made ({@code -} for the monitor's sweeps and timers).
 */
final class TransitionLog {
  private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);

  private TransitionLog() {}

  /** Logs {@code before -> after}; {@code before} is null for a new job. */
  static void log(Job before, Job after) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String worker =
        after.workerId() != null || before == null ? after.workerId() : before.workerId();
    LOG.info(
        "job_id={} from={} to={} attempt={} worker={} reason={} request_id={}",
        LogFmt.value(after.jobId()),
        before == null ? "new" : before.status().wire(),
        after.status().wire(),
        after.attemptNumber(),
        LogFmt.value(worker),
        LogFmt.value(reason(before, after)),
        LogFmt.value(RequestIds.current()));
  }

  /**
   * Why: the reason recorded for an attempt that just ended, else the error a job ended with, else
   * the marks of the change ({@code stale_status}, {@code retrying} ...), else a stop's reason.
   */
  static String reason(Job before, Job after) {
    if (before == null) {
      return after.status() == JobStatus.WAITING ? "waiting_on_dependencies" : "submitted";
    }
    List<AttemptRecord> history = after.history();
    if (history.size() > 0
        && (before.history().isEmpty()
            || history.get(history.size() - 1) != before.history().get(before.history().size() - 1))
        && history.get(history.size() - 1).reason() != null) {
      return history.get(history.size() - 1).reason();
    }
    if (after.status().isTerminal() && after.error() != null) {
      return after.error();
    }
    StatusNote note = after.note();
    if (!note.marks().isEmpty()) {
      return note.marks().stream()
          .sorted()
          .map(StatusNote.Mark::wire)
          .collect(Collectors.joining(","));
    }
    if (after.status() == JobStatus.STOP_REQUESTED && after.attempt() != null) {
      return after.attempt().stopReason();
    }
    return null;
  }
}
