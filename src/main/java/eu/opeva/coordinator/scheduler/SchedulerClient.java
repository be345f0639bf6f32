package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** Typed facade over the scheduler verticle's addresses. Failures arrive as {@code ApiFailure}. */
public final class SchedulerClient {
  static final String BODY = "body";
  static final String KEY = "idempotency_key";
  static final String OFFSET = "offset";
  static final String LIMIT = "limit";

  /** Changes wait for their writes and, for a run now, its submission (as dispatch's changes). */
  private static final DeliveryOptions CHANGE = new DeliveryOptions().setSendTimeout(600_000);

  private final BusClient bus;

  public SchedulerClient(Vertx vertx) {
    this.bus = new BusClient(vertx, CHANGE);
  }

  /** A new schedule from a {@code POST /schedules} body, with its {@code Idempotency-Key}. */
  public Future<JsonObject> create(JsonObject body, String idempotencyKey) {
    return bus.request(
        SchedulerAddresses.CREATE, new JsonObject().put(BODY, body).put(KEY, idempotencyKey));
  }

  public Future<JsonObject> list(int offset, int limit) {
    return bus.request(
        SchedulerAddresses.LIST, new JsonObject().put(OFFSET, offset).put(LIMIT, limit));
  }

  public Future<JsonObject> get(String scheduleId) {
    return bus.request(SchedulerAddresses.GET, withId(scheduleId));
  }

  public Future<JsonObject> update(String scheduleId, JsonObject body) {
    return bus.request(SchedulerAddresses.UPDATE, withId(scheduleId).put(BODY, body));
  }

  public Future<JsonObject> delete(String scheduleId) {
    return bus.request(SchedulerAddresses.DELETE, withId(scheduleId));
  }

  public Future<JsonObject> pause(String scheduleId) {
    return bus.request(SchedulerAddresses.PAUSE, withId(scheduleId));
  }

  public Future<JsonObject> resume(String scheduleId) {
    return bus.request(SchedulerAddresses.RESUME, withId(scheduleId));
  }

  public Future<JsonObject> run(String scheduleId) {
    return bus.request(SchedulerAddresses.RUN, withId(scheduleId));
  }

  /** Evaluates what is due at the clock's time now; completes once those runs were dealt with. */
  public Future<JsonObject> tick() {
    return bus.request(SchedulerAddresses.TICK, new JsonObject());
  }

  private static JsonObject withId(String scheduleId) {
    return new JsonObject().put(ScheduleJson.SCHEDULE_ID, scheduleId);
  }
}
