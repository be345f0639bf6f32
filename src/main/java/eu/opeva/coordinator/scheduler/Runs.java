package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.SubmitContext;
import eu.opeva.coordinator.metrics.ScheduleMetrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting runs. A run is written to the schedule's file (state {@code submitting}) before its job
 * or pipeline is submitted, and submitted with an idempotency key made of the schedule id and the
 * planned time, with the schedule run as its context: if the coordinator dies in between, the next
 * start submits the same run with the same key, and dispatch answers with the job it may already
 * have made instead of making a second one. Called in the schedule's order ({@link Serial}).
 */
final class Runs {
  private static final Logger LOG = LoggerFactory.getLogger(Runs.class);

  /** A planned time later than this when its turn comes counts as missed (catchup decides). */
  static final long ON_TIME_MS = 60_000;

  /** A submission dispatch could not answer (503) is tried again this much later ... */
  static final long RETRY_MS = 10_000;

  /** ... for up to this long after the run was recorded; then the run failed. */
  static final long GIVE_UP_MS = 3_600_000;

  private final ScheduleRegistry registry;
  private final ScheduleStore store;
  private final DispatchClient dispatch;
  private final Overlaps overlaps;
  private final Clock clock;
  private final SchedulerFaults faults;
  private final ScheduleMetrics metrics;

  /** {@code metrics}: where each run decided is counted, or null. */
  Runs(
      ScheduleRegistry registry,
      ScheduleStore store,
      DispatchClient dispatch,
      Clock clock,
      SchedulerFaults faults,
      ScheduleMetrics metrics) {
    this.registry = registry;
    this.store = store;
    this.dispatch = dispatch;
    this.overlaps = new Overlaps(dispatch);
    this.clock = clock;
    this.faults = faults;
    this.metrics = metrics;
  }

  private void count(ScheduleMetrics.Outcome outcome) {
    if (metrics != null) {
      metrics.run(outcome);
    }
  }

  /**
   * What is due now for one schedule: its pending submission (again), then its latest planned time.
   * {@code recovering}: the first look after a start, when every planned time that passed was
   * missed while the coordinator was down.
   */
  Future<Void> evaluate(String id, boolean recovering) {
    Schedule s = registry.get(id);
    if (s == null) {
      return Future.succeededFuture();
    }
    Optional<ScheduleRun> pending = s.pending();
    if (pending.isPresent()) {
      ScheduleRun p = pending.get();
      if (recovering || p.retryAt() == null || p.retryAt() <= clock.millis()) {
        return submit(id, p).compose(v -> planned(id, recovering));
      }
    }
    return planned(id, recovering);
  }

  private Future<Void> planned(String id, boolean recovering) {
    Schedule s = registry.get(id);
    if (s == null || !s.enabled()) {
      return Future.succeededFuture();
    }
    long now = clock.millis();
    Optional<Cron.Due> due = registry.cron(id).due(s.cursor(), now);
    if (due.isEmpty()) {
      return Future.succeededFuture();
    }
    long planned = due.get().last();
    Long missedFrom = due.get().first() < planned ? due.get().first() : null;
    boolean late = recovering || now - planned > ON_TIME_MS;
    if (late && s.catchup() == Schedule.Catchup.NONE) {
      count(ScheduleMetrics.Outcome.MISSED);
      return record(
          s.withRun(
              ScheduleRun.notStarted(
                  planned,
                  ScheduleRun.Trigger.CRON,
                  ScheduleRun.State.MISSED,
                  missedFrom,
                  "planned while the coordinator was down or busy; catchup is none",
                  now)));
    }
    return start(
        s, planned, late ? ScheduleRun.Trigger.CATCHUP : ScheduleRun.Trigger.CRON, missedFrom);
  }

  /**
   * Starts a run planned for {@code planned}, as the overlap policy allows: skipped while an
   * earlier run's job is active ({@code skip}), or with the active ones stopped ({@code
   * cancel_previous}).
   */
  Future<Void> start(Schedule s, long planned, ScheduleRun.Trigger trigger, Long missedFrom) {
    long now = clock.millis();
    Optional<ScheduleRun> pending = s.pending();
    if (pending.isPresent()) {
      count(ScheduleMetrics.Outcome.SKIPPED);
      return record(
          s.withRun(
              ScheduleRun.notStarted(
                  planned,
                  trigger,
                  ScheduleRun.State.SKIPPED,
                  missedFrom,
                  "the run planned for "
                      + registry.cron(s.id()).local(pending.get().scheduledFor())
                      + " is still being submitted",
                  now)));
    }
    List<ScheduleRun> previous = s.runs().stream().filter(ScheduleRun::mayBeActive).toList();
    return overlaps
        .statuses(previous, s.target().pipeline())
        .compose(
            statuses -> {
              Schedule known = s;
              List<String> active = new ArrayList<>();
              List<String> stoppable = new ArrayList<>();
              String example = null;
              for (ScheduleRun r : previous) {
                String status = statuses.get(r.created());
                if (Overlaps.ended(status)) {
                  known = known.withRunUpdated(r.withOutcome(status));
                } else {
                  active.add(r.created());
                  example = s.target().kind() + " " + r.created() + " is " + status;
                  if (!Overlaps.STOPPING.equals(status)) {
                    stoppable.add(r.created());
                  }
                }
              }
              long at = clock.millis();
              if (!active.isEmpty() && s.overlap() == Schedule.Overlap.SKIP) {
                count(ScheduleMetrics.Outcome.SKIPPED);
                return record(
                    known.withRun(
                        ScheduleRun.notStarted(
                            planned,
                            trigger,
                            ScheduleRun.State.SKIPPED,
                            missedFrom,
                            "overlap is skip and the previous run's " + example,
                            at)));
              }
              List<String> cancel =
                  s.overlap() == Schedule.Overlap.CANCEL_PREVIOUS ? stoppable : List.of();
              ScheduleRun run = ScheduleRun.submitting(planned, trigger, missedFrom, cancel, at);
              return record(known.withRun(run))
                  .compose(
                      v -> {
                        faults.afterRecord(s.id(), run);
                        return submit(s.id(), run);
                      });
            });
  }

  /** Submits a recorded run (again), then records what came of it. */
  private Future<Void> submit(String id, ScheduleRun run) {
    Schedule s = registry.get(id);
    boolean pipeline = s.target().pipeline();
    SubmitContext context = new SubmitContext(run.key(id), null, id, run.scheduledFor());
    return overlaps
        .cancel(run.canceled(), pipeline)
        .compose(
            v ->
                pipeline
                    ? dispatch.createPipeline(s.target().body(), context)
                    : dispatch.submit(s.target().body(), context))
        .transform(
            ar -> {
              Schedule current = registry.get(id);
              if (current == null) {
                return Future.succeededFuture();
              }
              return record(
                  current.withRunUpdated(outcome(id, run, pipeline, ar.result(), ar.cause())));
            });
  }

  private ScheduleRun outcome(
      String id, ScheduleRun run, boolean pipeline, JsonObject answer, Throwable failure) {
    long now = clock.millis();
    if (failure == null) {
      faults.afterSubmit(id, run);
      count(
          run.canceled().isEmpty()
              ? ScheduleMetrics.Outcome.SUBMITTED
              : ScheduleMetrics.Outcome.CANCELED_PREVIOUS);
      return run.submitted(
          answer.getString(pipeline ? ScheduleJson.PIPELINE_ID : ScheduleJson.JOB_ID),
          pipeline,
          now);
    }
    ApiFailure f = BusReplies.toApiFailure(failure);
    String why = "submission refused (" + f.status() + "): " + f.detail();
    if (f.status() >= 500 && now - run.recordedAt() < GIVE_UP_MS) {
      LOG.warn("schedule {}: run {} not submitted, retried: {}", id, run.key(id), why);
      return run.retrying(why, now + RETRY_MS);
    }
    LOG.warn("schedule {}: run {} failed: {}", id, run.key(id), why);
    count(ScheduleMetrics.Outcome.FAILED);
    return run.failed(f.status(), why);
  }

  /** Writes the new version, then installs it (never shown before it is on disk). */
  Future<Void> record(Schedule next) {
    return store.write(next).map(v -> installed(next));
  }

  private Void installed(Schedule next) {
    registry.install(next);
    return null;
  }

  /** The live status of the jobs or pipelines of these runs, by id. */
  Future<Map<String, String>> statuses(List<ScheduleRun> runs, boolean pipeline) {
    return overlaps.statuses(runs, pipeline);
  }
}
