package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.Idempotency;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.jobstore.JsonPlain;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The schedule operations of the API: create (with an optional idempotency key), list, get,
 * replace, delete, pause, resume and run now. Every change is written before it is installed and
 * answered; changes of one schedule run in its order, after its runs.
 */
final class ScheduleService {
  private final ScheduleRegistry registry;
  private final ScheduleStore store;
  private final Runs runs;
  private final Serial serial;
  private final Idempotency idempotency;
  private final BlockingIo io;
  private final Clock clock;
  private final Runnable changed;
  private final TargetChecks targets;

  ScheduleService(
      ScheduleRegistry registry,
      ScheduleStore store,
      Runs runs,
      Serial serial,
      Idempotency idempotency,
      BlockingIo io,
      Clock clock,
      TargetChecks targets,
      Runnable changed) {
    this.targets = targets;
    this.registry = registry;
    this.store = store;
    this.runs = runs;
    this.serial = serial;
    this.idempotency = idempotency;
    this.io = io;
    this.clock = clock;
    this.changed = changed;
  }

  /** The request read and its cron parsed (off the event loop: an odd expression may be slow). */
  private Future<Checked> check(JsonObject body) {
    ScheduleRequest r = ScheduleRequest.of(body);
    List<TargetChecks.NamedConfig> configs = targets.check(r.target());
    long now = clock.millis();
    return io.run(
        () -> {
          targets.existing(configs);
          Cron cron = Cron.parse(r.cron(), r.timezone());
          if (cron.next(now).isEmpty()) {
            throw ApiFailure.badRequest("cron: '" + r.cron() + "' never fires");
          }
          return new Checked(r, cron);
        });
  }

  private record Checked(ScheduleRequest request, Cron cron) {}

  Future<JsonObject> create(JsonObject body, String key) {
    return check(body)
        .compose(
            c ->
                idempotency.answer(
                    key,
                    c.request().submittedBy(),
                    body,
                    clock.millis(),
                    record -> make(c, record)))
        .map(ScheduleJson::restoreTimes);
  }

  private Future<JsonObject> make(Checked c, JobOrigin.Idempotency record) {
    ScheduleRequest r = c.request();
    long now = clock.millis();
    Schedule s =
        new Schedule(
            UUID.randomUUID().toString(),
            r.name(),
            r.cron(),
            r.timezone(),
            r.target(),
            r.overlap(),
            r.catchup(),
            r.enabled(),
            r.submittedBy(),
            now,
            now,
            now,
            List.of(),
            null,
            1);
    JsonObject answer = ScheduleViews.full(s, c.cron(), now, Map.of());
    Schedule kept =
        record == null
            ? s
            : s.withIdempotency(
                new JobOrigin.Idempotency(record.key(), record.digest(), JsonPlain.map(answer)));
    return store
        .write(kept)
        .map(
            v -> {
              registry.install(kept, c.cron());
              return answer;
            })
        .onComplete(ar -> changed.run());
  }

  Future<JsonObject> list(int offset, int limit) {
    long now = clock.millis();
    List<ScheduleRegistry.Entry> all = registry.entries();
    JsonArray page = new JsonArray();
    all.stream()
        .skip(offset)
        .limit(limit)
        .forEach(e -> page.add(ScheduleViews.summary(e.schedule(), e.cron(), now)));
    return Future.succeededFuture(new JsonObject().put("schedules", page).put("total", all.size()));
  }

  /** The schedule with its runs, the live status of the jobs of runs not seen ended yet. */
  Future<JsonObject> get(String id) {
    Schedule s = existing(id);
    Cron cron = registry.cron(id);
    List<ScheduleRun> open = s.runs().stream().filter(ScheduleRun::mayBeActive).toList();
    return runs.statuses(open, s.target().pipeline())
        .map(live -> ScheduleViews.full(s, cron, clock.millis(), live));
  }

  Future<JsonObject> update(String id, JsonObject body) {
    existing(id);
    return check(body)
        .compose(
            c ->
                inOrder(
                    id,
                    () -> {
                      Schedule next = existing(id).replacedBy(c.request(), clock.millis());
                      return store.write(next).map(v -> installed(next, c.cron()));
                    }));
  }

  Future<JsonObject> delete(String id) {
    existing(id);
    return inOrder(
        id,
        () -> {
          Schedule s = existing(id);
          return store
              .delete(id)
              .map(
                  v -> {
                    registry.remove(id);
                    idempotency.forget(s.createdBy(), s.idempotency());
                    return new JsonObject()
                        .put("message", "Schedule " + id + " deleted")
                        .put(ScheduleJson.SCHEDULE_ID, id);
                  });
        });
  }

  Future<JsonObject> enable(String id, boolean on) {
    existing(id);
    return inOrder(
        id,
        () -> {
          Schedule s = existing(id);
          if (s.enabled() == on) {
            return Future.succeededFuture(view(s));
          }
          Schedule next = s.withEnabled(on, clock.millis());
          return store.write(next).map(v -> installed(next, registry.cron(id)));
        });
  }

  /**
   * A run now, once (planned at this moment; overlap applies as to any run); the answer has the run
   * as it ended up: submitted, skipped or failed.
   */
  Future<JsonObject> runNow(String id) {
    existing(id);
    return inOrder(
        id,
        () -> {
          Schedule s = existing(id);
          long planned = clock.millis();
          while (taken(s, planned)) {
            planned++;
          }
          long at = planned;
          return runs.start(s, at, ScheduleRun.Trigger.MANUAL, null)
              .map(
                  v -> {
                    Schedule now = existing(id);
                    ScheduleRun run =
                        now.runs().stream()
                            .filter(
                                r ->
                                    r.trigger() == ScheduleRun.Trigger.MANUAL
                                        && r.scheduledFor() == at)
                            .findFirst()
                            .orElseThrow();
                    return new JsonObject()
                        .put(ScheduleJson.SCHEDULE_ID, id)
                        .put("run", ScheduleViews.run(run, registry.cron(id), null));
                  });
        });
  }

  private static boolean taken(Schedule s, long planned) {
    return s.runs().stream()
        .anyMatch(r -> r.trigger() == ScheduleRun.Trigger.MANUAL && r.scheduledFor() == planned);
  }

  private JsonObject installed(Schedule next, Cron cron) {
    registry.install(next, cron);
    return view(next);
  }

  /** One operation on a schedule, in its order; the timer is set again once it ended. */
  private <T> Future<T> inOrder(String id, java.util.function.Supplier<Future<T>> op) {
    return serial.run(id, op).onComplete(ar -> changed.run());
  }

  private JsonObject view(Schedule s) {
    return ScheduleViews.full(s, registry.cron(s.id()), clock.millis(), Map.of());
  }

  private Schedule existing(String id) {
    Schedule s = registry.get(id);
    if (s == null) {
      throw ApiFailure.notFound("Schedule " + id + " not found");
    }
    return s;
  }
}
