package eu.opeva.coordinator.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault-injection knob for the crash tests only ({@code SCHEDULER_FAULT_HALT}): the JVM halts at
 * once, as with a kill -9, right after a run was recorded ({@code after_record}, before its
 * submission) or right after dispatch accepted its submission ({@code after_submit}, before the
 * outcome is recorded). {@code none} in production.
 */
final class SchedulerFaults {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerFaults.class);

  /** The exit code of a halt. */
  static final int HALT_EXIT = 86;

  private final String point;

  SchedulerFaults(String point) {
    this.point = point == null ? "none" : point;
  }

  void afterRecord(String scheduleId, ScheduleRun run) {
    haltAt("after_record", scheduleId, run);
  }

  void afterSubmit(String scheduleId, ScheduleRun run) {
    haltAt("after_submit", scheduleId, run);
  }

  private void haltAt(String here, String scheduleId, ScheduleRun run) {
    if (point.equals(here)) {
      LOG.error(
          "SCHEDULER_FAULT_HALT={}: halting with run {} of schedule {}",
          here,
          run.key(scheduleId),
          scheduleId);
      System.err.flush();
      Runtime.getRuntime().halt(HALT_EXIT);
    }
  }
}
