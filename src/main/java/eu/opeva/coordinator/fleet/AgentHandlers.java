package eu.opeva.coordinator.fleet;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.auth.Identity;
import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.QueueHint;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.protocol.Heartbeat;
import eu.opeva.coordinator.protocol.NextJobRequest;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/** The agent protocol: poll (optionally long), report status, heartbeat; and the hosts view. */
public final class AgentHandlers implements ApiRoutes {
  private final Fleet fleet;

  public AgentHandlers(
      Settings config,
      DispatchClient dispatch,
      MonitorClient monitor,
      Clock clock,
      QueueHint queueHint) {
    this.fleet = new Fleet(config, dispatch, monitor, clock, queueHint);
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(AGENT_NEXT_JOB, this::nextJob)
        .bind(
            AGENT_JOB_STATUS,
            rc ->
                answer(
                    rc,
                    () ->
                        fleet.report(
                            Responses.body(rc),
                            Identity.workerVerified(rc),
                            worker -> Identity.worker(rc, worker))))
        .bind(
            AGENT_HEARTBEAT,
            rc ->
                answer(
                    rc,
                    () -> {
                      Heartbeat beat = Heartbeat.fromJson(Responses.body(rc));
                      Identity.worker(rc, beat.workerId());
                      return fleet.heartbeat(beat);
                    }))
        .bind(LIST_HOSTS, rc -> Responses.json(rc, fleet.hosts()));
  }

  private void nextJob(RoutingContext rc) {
    NextJobRequest request = NextJobRequest.fromJson(Responses.body(rc));
    try {
      Identity.worker(rc, request.workerId());
      fleet.requireKnown(request.workerId());
    } catch (ApiFailure refused) {
      Responses.fail(rc, refused);
      return;
    }
    if (fleet.surelyNoJob(request)) {
      rc.response().setStatusCode(204).end();
      return;
    }
    String waitId = UUID.randomUUID().toString();
    if (request.waitSeconds() > 0) {
      rc.response().closeHandler(v -> fleet.cancelWait(waitId));
    }
    fleet
        .nextJob(request, waitId)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Responses.fail(rc, ar.cause());
                return;
              }
              JsonObject job = ar.result().getJsonObject("job");
              if (rc.response().closed() || rc.response().ended()) {
                if (job != null) {
                  fleet.undeliverable(job);
                }
              } else if (job == null) {
                rc.response().setStatusCode(204).end();
              } else {
                rc.json(job);
              }
            });
  }

  /** Sends the call's result; a refusal thrown before any call is answered like a failure. */
  private static void answer(RoutingContext rc, Supplier<Future<JsonObject>> call) {
    Future<JsonObject> result;
    try {
      result = call.get();
    } catch (ApiFailure refused) {
      result = Future.failedFuture(refused);
    }
    Responses.json(rc, result);
  }
}
