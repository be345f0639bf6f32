package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.domain.JobOrigin;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A schedule as kept in {@code schedules/<id>.json}: what it runs ({@code target}: a run-simulation
 * body or a pipelines body), when (cron in a time zone), its policies, and its recent runs, oldest
 * first. {@code cursor} is the latest planned time already dealt with (run, skipped or missed), or
 * the time the schedule was created, changed or resumed: the next run is the first planned time
 * after it. Every change makes a new version.
 */
public record Schedule(
    String id,
    String name,
    String cron,
    String timezone,
    Target target,
    Overlap overlap,
    Catchup catchup,
    boolean enabled,
    String createdBy,
    long createdAt,
    long updatedAt,
    long cursor,
    List<ScheduleRun> runs,
    JobOrigin.Idempotency idempotency,
    long version) {

  /** Recent runs kept; older ones are dropped, except a run whose job may still be active. */
  public static final int RECENT_RUNS = 50;

  /** What a run submits: a job ({@code /run-simulation} body) or a pipeline. */
  public record Target(boolean pipeline, JsonObject body) {
    public String kind() {
      return pipeline ? "pipeline" : "job";
    }
  }

  /** What a run does while an earlier run's job or pipeline is still active. */
  public enum Overlap {
    SKIP,
    ALLOW,
    CANCEL_PREVIOUS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Overlap parse(String s) {
      return s == null ? SKIP : valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /** Runs planned while the coordinator was down (or more than a minute late): one, or none. */
  public enum Catchup {
    NONE,
    ONCE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Catchup parse(String s) {
      return s == null ? ONCE : valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public Schedule {
    runs = List.copyOf(runs);
  }

  /** The run whose submission is under way or to be retried (at most one). */
  public Optional<ScheduleRun> pending() {
    return runs.stream().filter(r -> r.state() == ScheduleRun.State.SUBMITTING).findFirst();
  }

  /** The latest run that started a job or pipeline, or tried to. */
  public Optional<ScheduleRun> lastAttempt() {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).attempted()) {
        return Optional.of(runs.get(i));
      }
    }
    return Optional.empty();
  }

  /** With one more run (the cursor moved to its planned time for a planned one). */
  Schedule withRun(ScheduleRun run) {
    List<ScheduleRun> next = new ArrayList<>(runs);
    next.add(run);
    long moved =
        run.trigger() == ScheduleRun.Trigger.MANUAL ? cursor : Math.max(cursor, run.scheduledFor());
    return withRuns(moved, trim(next));
  }

  /** With a run replaced by its new version (same planned time). */
  Schedule withRunUpdated(ScheduleRun run) {
    List<ScheduleRun> next = new ArrayList<>(runs.size());
    for (ScheduleRun r : runs) {
      next.add(r.sameRun(run) ? run : r);
    }
    return withRuns(cursor, next);
  }

  /** The next version with these runs and this cursor, the definition as it is. */
  private Schedule withRuns(long nextCursor, List<ScheduleRun> nextRuns) {
    return new Schedule(
        id,
        name,
        cron,
        timezone,
        target,
        overlap,
        catchup,
        enabled,
        createdBy,
        createdAt,
        updatedAt,
        nextCursor,
        nextRuns,
        idempotency,
        version + 1);
  }

  /** Paused or resumed; a resumed schedule runs from now on (nothing planned while paused). */
  Schedule withEnabled(boolean on, long now) {
    return new Schedule(
        id,
        name,
        cron,
        timezone,
        target,
        overlap,
        catchup,
        on,
        createdBy,
        createdAt,
        now,
        on && !enabled ? now : cursor,
        runs,
        idempotency,
        version + 1);
  }

  /**
   * Replaced by a new definition (PUT): the runs stay; planned times restart from now unless the
   * schedule was enabled and its cron and time zone did not change.
   */
  Schedule replacedBy(ScheduleRequest r, long now) {
    boolean sameTimes =
        enabled && r.enabled() && r.cron().equals(cron) && r.timezone().equals(timezone);
    return new Schedule(
        id,
        r.name(),
        r.cron(),
        r.timezone(),
        r.target(),
        r.overlap(),
        r.catchup(),
        r.enabled(),
        createdBy,
        createdAt,
        now,
        sameTimes ? cursor : now,
        runs,
        idempotency,
        version + 1);
  }

  Schedule withIdempotency(JobOrigin.Idempotency record) {
    return new Schedule(
        id, name, cron, timezone, target, overlap, catchup, enabled, createdBy, createdAt,
        updatedAt, cursor, runs, record, version);
  }

  /** Keeps the newest {@link #RECENT_RUNS}, and every run whose job may still be active. */
  private static List<ScheduleRun> trim(List<ScheduleRun> all) {
    int excess = all.size() - RECENT_RUNS;
    if (excess <= 0) {
      return all;
    }
    List<ScheduleRun> kept = new ArrayList<>(all.size());
    for (ScheduleRun r : all) {
      if (excess > 0 && !r.mayBeActive() && r.state() != ScheduleRun.State.SUBMITTING) {
        excess--;
      } else {
        kept.add(r);
      }
    }
    return kept;
  }
}
