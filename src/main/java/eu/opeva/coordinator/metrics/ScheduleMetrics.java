package eu.opeva.coordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduler's counter of runs, {@code opeva_schedule_runs_total{outcome}}: the scheduler calls
 * {@link #run} once for every planned, caught-up or manual run it decides, with what became of it.
 * Every outcome is registered up front (at 0), so alerts and dashboards see the series before the
 * first run.
 */
public final class ScheduleMetrics {
  /** What became of one run of a schedule. */
  public enum Outcome {
    /** Its job or pipeline was submitted. */
    SUBMITTED,
    /** Not started: the previous run was still active and the schedule's overlap is skip. */
    SKIPPED,
    /** Submitted after asking the previous, still active run to stop (overlap cancel_previous). */
    CANCELED_PREVIOUS,
    /** Runs missed while the coordinator was down and not made up (catchup none). */
    MISSED,
    /** Its submission was refused or failed (the schedule stays; the next run is planned). */
    FAILED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
      return wire;
    }
  }

  private final Map<Outcome, Counter> runs = new EnumMap<>(Outcome.class);

  ScheduleMetrics(MeterRegistry registry) {
    for (Outcome o : Outcome.values()) {
      runs.put(
          o,
          Counter.builder("opeva.schedule.runs")
              .description("Runs of schedules, by outcome")
              .tag("outcome", o.wire())
              .register(registry));
    }
  }

  /** One run of a schedule ended as {@code outcome}. */
  public void run(Outcome outcome) {
    runs.get(outcome).increment();
  }
}
