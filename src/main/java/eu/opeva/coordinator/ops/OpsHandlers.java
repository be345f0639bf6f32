package eu.opeva.coordinator.ops;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Operator endpoints ({@code /ops/...}): repair single jobs and clean the queue and job folders.
 */
public final class OpsHandlers implements ApiRoutes {
  private final DispatchClient dispatch;

  public OpsHandlers(DispatchClient dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  public void mount(RouterBuilder rb) {
    for (String action : new String[] {"requeue", "fail", "cancel", "stop"}) {
      String op = "ops" + Character.toUpperCase(action.charAt(0)) + action.substring(1) + "Job";
      rb.getRoute(op)
          .addHandler(
              rc -> Responses.withJobId(rc, id -> dispatch.opsJob(action, id, Responses.body(rc))));
    }
    rb.getRoute("opsCleanupQueue")
        .addHandler(rc -> Responses.json(rc, dispatch.opsCleanup("queue", Responses.body(rc))));
    rb.getRoute("opsCleanupJobs")
        .addHandler(rc -> Responses.json(rc, dispatch.opsCleanup("jobs", Responses.body(rc))));
  }
}
