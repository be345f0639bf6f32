package eu.opeva.coordinator.ops;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.auth.Identity;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiOperation;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import java.util.Map;

/**
 * Operator endpoints ({@code /ops/...}): repair single jobs and clean the queue and job folders.
 */
public final class OpsHandlers implements ApiRoutes {
  /** The dispatch action of each single-job operation. */
  private static final Map<ApiOperation, String> JOB_ACTIONS =
      Map.of(
          OPS_REQUEUE_JOB, "requeue",
          OPS_FAIL_JOB, "fail",
          OPS_CANCEL_JOB, "cancel",
          OPS_STOP_JOB, "stop");

  private final DispatchClient dispatch;

  public OpsHandlers(DispatchClient dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  public void mount(ApiBinder api) {
    JOB_ACTIONS.forEach(
        (op, action) ->
            api.bind(
                op,
                rc ->
                    Responses.withJobId(
                        rc,
                        id ->
                            dispatch.opsJob(
                                action, id, Identity.operator(rc, Responses.body(rc))))));
    api.bind(
            OPS_CLEANUP_QUEUE,
            rc ->
                Responses.json(
                    rc, dispatch.opsCleanup("queue", Identity.operator(rc, Responses.body(rc)))))
        .bind(
            OPS_CLEANUP_JOBS,
            rc ->
                Responses.json(
                    rc, dispatch.opsCleanup("jobs", Identity.operator(rc, Responses.body(rc)))));
  }
}
