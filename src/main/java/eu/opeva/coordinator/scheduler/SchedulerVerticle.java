package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.Idempotency;
import eu.opeva.coordinator.metrics.ScheduleMetrics;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of schedules (exactly one instance). Restores them from {@code schedules/} at
 * start (pending submissions are made again, missed runs handled by each schedule's catchup), then
 * starts their runs through the dispatch verticle like any client. Its timer is re-armed from the
 * clock after every evaluation, for the next planned time (at most a minute ahead), so it never
 * drifts; an evaluation reads the injected clock, and {@link SchedulerAddresses#TICK} asks for one
 * at the clock's time now (tests move the clock, then tick).
 */
public final class SchedulerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);

  /** The pool of schedule writes (small: a schedule is written a few times per run). */
  public static final String POOL = "schedule-state";

  /** The timer waits at most this long, so a change of the wall clock is seen within it. */
  static final long MAX_WAIT_MS = 60_000;

  /** After an evaluation that failed (a write refused), the next one waits at least this long. */
  static final long AFTER_FAILURE_MS = 1_000;

  private final Settings config;
  private final Clock clock;
  private final ScheduleRegistry registry = new ScheduleRegistry();
  private final Serial serial = new Serial();
  private final Idempotency idempotency = new Idempotency();
  private BlockingIo io;
  private Runs runs;
  private ScheduleService service;
  private long timer = -1;
  private boolean stopping;
  private boolean lastFailed;
  private ScheduleMetrics metrics;

  public SchedulerVerticle(Settings config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Counts each run decided ({@code opeva_schedule_runs_total}); set before deployment. */
  public SchedulerVerticle metrics(ScheduleMetrics runMetrics) {
    this.metrics = runMetrics;
    return this;
  }

  private record Loaded(Schedule schedule, Cron cron) {}

  @Override
  public Future<?> start() {
    io = new BlockingIo(vertx, POOL, 2);
    ScheduleStore store =
        new ScheduleStore(
            config.storage().sharedRoot(), new JsonFiles(config.storage().fsync()), io);
    runs =
        new Runs(
            registry,
            store,
            new DispatchClient(vertx),
            clock,
            new SchedulerFaults(config.storage().faults().schedulerHalt()),
            metrics);
    service =
        new ScheduleService(
            registry,
            store,
            runs,
            serial,
            idempotency,
            io,
            clock,
            new TargetChecks(config),
            this::rearm);
    return io.run(() -> load(store))
        .map(
            loaded -> {
              long now = clock.millis();
              for (Loaded l : loaded) {
                Schedule s = l.schedule();
                registry.install(s, l.cron());
                idempotency.recovered(s.createdBy(), s.idempotency(), s.createdAt(), now);
              }
              register();
              // Queued before anything else can reach a schedule: pending submissions, catchup.
              tick(true);
              LOG.info("scheduler: {} schedules restored", loaded.size());
              return null;
            });
  }

  private static List<Loaded> load(ScheduleStore store) throws java.io.IOException {
    List<Loaded> out = new ArrayList<>();
    for (Schedule s : store.recover()) {
      try {
        out.add(new Loaded(s, Cron.parse(s.cron(), s.timezone())));
      } catch (RuntimeException e) {
        LOG.warn("schedule {} is not restored: {}", s.id(), e.getMessage());
      }
    }
    return out;
  }

  private void register() {
    serve(
        SchedulerAddresses.CREATE,
        b ->
            service.create(
                b.getJsonObject(SchedulerClient.BODY), b.getString(SchedulerClient.KEY)));
    serve(
        SchedulerAddresses.LIST,
        b ->
            service.list(
                b.getInteger(SchedulerClient.OFFSET, 0), b.getInteger(SchedulerClient.LIMIT, 100)));
    serve(SchedulerAddresses.GET, b -> service.get(id(b)));
    serve(
        SchedulerAddresses.UPDATE,
        b -> service.update(id(b), b.getJsonObject(SchedulerClient.BODY)));
    serve(SchedulerAddresses.DELETE, b -> service.delete(id(b)));
    serve(SchedulerAddresses.PAUSE, b -> service.enable(id(b), false));
    serve(SchedulerAddresses.RESUME, b -> service.enable(id(b), true));
    serve(SchedulerAddresses.RUN, b -> service.runNow(id(b)));
    serve(SchedulerAddresses.TICK, b -> tick(false));
  }

  private void serve(String address, Function<JsonObject, Future<?>> op) {
    BusReplies.serve(vertx, address, op);
  }

  private static String id(JsonObject body) {
    return body.getString(ScheduleJson.SCHEDULE_ID);
  }

  /**
   * Evaluates every schedule that is due at the clock's time now (every one, when {@code
   * recovering}), each in its order; completes once those and every operation started before have
   * ended.
   */
  private Future<JsonObject> tick(boolean recovering) {
    long now = clock.millis();
    List<Future<Void>> work = new ArrayList<>();
    boolean[] failed = {false};
    for (ScheduleRegistry.Entry e : registry.entries()) {
      String id = e.schedule().id();
      if (recovering || (e.due() != null && e.due() <= now)) {
        work.add(
            serial
                .run(id, () -> runs.evaluate(id, recovering))
                .recover(
                    err -> {
                      failed[0] = true;
                      LOG.warn("schedule {}: evaluation failed: {}", id, err.getMessage());
                      return Future.succeededFuture();
                    }));
      }
    }
    int due = work.size();
    work.add(serial.drain().recover(err -> Future.succeededFuture()));
    return Future.all(work)
        .map(
            v -> {
              lastFailed = failed[0];
              rearm();
              return new JsonObject().put("due", due);
            });
  }

  /** Sets the timer for the earliest time a schedule needs attention, from the clock now. */
  private void rearm() {
    if (stopping) {
      return;
    }
    long now = clock.millis();
    long due = Long.MAX_VALUE;
    for (ScheduleRegistry.Entry e : registry.entries()) {
      if (e.due() != null && !serial.busy(e.schedule().id())) {
        due = Math.min(due, e.due());
      }
    }
    long floor = lastFailed ? AFTER_FAILURE_MS : 1;
    long wait = due == Long.MAX_VALUE ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, due - now);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    timer =
        vertx.setTimer(
            Math.max(floor, wait),
            t -> {
              timer = -1;
              tick(false);
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return serial.drain().recover(err -> Future.succeededFuture()).eventually(io::close);
  }
}
