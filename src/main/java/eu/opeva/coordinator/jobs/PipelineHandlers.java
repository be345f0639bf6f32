package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.http.ApiOperation.CANCEL_PIPELINE;
import static eu.opeva.coordinator.http.ApiOperation.CREATE_PIPELINE;
import static eu.opeva.coordinator.http.ApiOperation.GET_PIPELINE;
import static eu.opeva.coordinator.http.ApiOperation.LIST_PIPELINES;
import static eu.opeva.coordinator.http.ApiOperation.RERUN_PIPELINE;

import eu.opeva.coordinator.auth.Identity;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.jobstore.PipelineJson;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Pipeline endpoints: create, list, get, cancel, re-run (all decided by dispatch). */
public final class PipelineHandlers implements ApiRoutes {
  private final DispatchClient dispatch;

  public PipelineHandlers(DispatchClient dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(
            CREATE_PIPELINE,
            rc ->
                Responses.json(
                    rc,
                    dispatch.createPipeline(
                        Identity.submitter(rc, Responses.body(rc)), Identity.submitContext(rc))))
        .bind(
            LIST_PIPELINES,
            rc -> {
              Object limit = Responses.query(rc, "limit");
              Object offset = Responses.query(rc, "offset");
              Responses.json(
                  rc,
                  dispatch.pipelines(
                      offset instanceof Number n ? n.intValue() : 0,
                      limit instanceof Number n ? n.intValue() : 100));
            })
        .bind(GET_PIPELINE, rc -> withPipelineId(rc, dispatch::pipeline))
        .bind(CANCEL_PIPELINE, rc -> withPipelineId(rc, dispatch::cancelPipeline))
        .bind(
            RERUN_PIPELINE,
            rc -> withPipelineId(rc, id -> dispatch.rerunPipeline(id, Responses.body(rc))));
  }

  private static void withPipelineId(RoutingContext rc, Function<String, Future<?>> op) {
    String id = Responses.path(rc, PipelineJson.PIPELINE_ID);
    if (!SafeNames.isJobId(id)) {
      Responses.error(rc, 400, "Invalid pipeline_id");
      return;
    }
    Responses.json(rc, op.apply(id));
  }
}
