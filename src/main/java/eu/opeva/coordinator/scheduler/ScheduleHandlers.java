package eu.opeva.coordinator.scheduler;

import static eu.opeva.coordinator.http.ApiOperation.CREATE_SCHEDULE;
import static eu.opeva.coordinator.http.ApiOperation.DELETE_SCHEDULE;
import static eu.opeva.coordinator.http.ApiOperation.GET_SCHEDULE;
import static eu.opeva.coordinator.http.ApiOperation.LIST_SCHEDULES;
import static eu.opeva.coordinator.http.ApiOperation.PAUSE_SCHEDULE;
import static eu.opeva.coordinator.http.ApiOperation.RESUME_SCHEDULE;
import static eu.opeva.coordinator.http.ApiOperation.RUN_SCHEDULE;
import static eu.opeva.coordinator.http.ApiOperation.UPDATE_SCHEDULE;

import eu.opeva.coordinator.auth.Identity;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Schedule endpoints: create (201), list, get, replace, delete, pause, resume, run now. */
public final class ScheduleHandlers implements ApiRoutes {
  private final SchedulerClient scheduler;

  public ScheduleHandlers(SchedulerClient scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(
            CREATE_SCHEDULE,
            rc ->
                created(
                    rc,
                    scheduler.create(
                        Identity.submitter(rc, Responses.body(rc)),
                        rc.request().getHeader(Identity.IDEMPOTENCY_KEY))))
        .bind(
            LIST_SCHEDULES,
            rc -> {
              Object limit = Responses.query(rc, "limit");
              Object offset = Responses.query(rc, "offset");
              Responses.json(
                  rc,
                  scheduler.list(
                      offset instanceof Number n ? n.intValue() : 0,
                      limit instanceof Number n ? n.intValue() : 100));
            })
        .bind(GET_SCHEDULE, rc -> withId(rc, scheduler::get))
        .bind(
            UPDATE_SCHEDULE,
            rc ->
                withId(rc, id -> scheduler.update(id, Identity.submitter(rc, Responses.body(rc)))))
        .bind(DELETE_SCHEDULE, rc -> withId(rc, scheduler::delete))
        .bind(PAUSE_SCHEDULE, rc -> withId(rc, scheduler::pause))
        .bind(RESUME_SCHEDULE, rc -> withId(rc, scheduler::resume))
        .bind(RUN_SCHEDULE, rc -> withId(rc, scheduler::run));
  }

  /** 201 with the new schedule (the same answer again for a repeated idempotency key). */
  private static void created(RoutingContext rc, Future<JsonObject> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            Responses.fail(rc, ar.cause());
          } else if (!rc.response().ended()) {
            rc.response().setStatusCode(201);
            rc.json(ar.result());
          }
        });
  }

  private static void withId(RoutingContext rc, Function<String, Future<?>> op) {
    String id = Responses.path(rc, ScheduleJson.SCHEDULE_ID);
    if (!SafeNames.isJobId(id)) {
      Responses.error(rc, 400, "Invalid schedule_id");
      return;
    }
    Responses.json(rc, op.apply(id));
  }
}
