package eu.opeva.coordinator.testing;

import eu.opeva.coordinator.http.ApiOperation;
import eu.opeva.coordinator.http.HttpVerticle;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request per operation of the contract, with path parameters and bodies that pass validation
 * (so the operation's own handler answers), in an order where deletions and cleanups come last.
 */
public final class ContractRequests {
  /** A request of one operation. */
  public record Sample(
      ApiOperation operation, Operation contract, HttpMethod method, String path, JsonObject body) {
    public String describe() {
      return method + " " + path + " (" + operation.id() + ")";
    }

    /** Sends it with the given headers (credentials, say). */
    public HttpResponse<Buffer> send(TestCoordinator tc, MultiMap headers) {
      var request = tc.client.request(method, tc.port(), "127.0.0.1", path).putHeaders(headers);
      if (operation == ApiOperation.UPLOAD_DATASET) {
        Buffer emptyZip = Buffer.buffer(new byte[] {'P', 'K', 5, 6}).appendBytes(new byte[18]);
        return TestCoordinator.await(
            request.sendMultipartForm(
                MultipartForm.create()
                    .attribute("name", "probe")
                    .binaryFileUpload("file", "probe.zip", emptyZip, "application/zip")));
      }
      if (body == null) {
        return TestCoordinator.await(request.send());
      }
      return TestCoordinator.await(
          request.putHeader("content-type", "application/json").sendBuffer(body.toBuffer()));
    }
  }

  private ContractRequests() {}

  public static OpenAPIContract contract(Vertx vertx) {
    return TestCoordinator.await(OpenAPIContract.from(vertx, HttpVerticle.CONTRACT));
  }

  /** A request for every operation, about {@code job}, for workers of {@code worker}. */
  public static List<Sample> all(Vertx vertx, String job, String worker) {
    Map<String, String> params =
        Map.of(
            "{job_id}",
            job,
            "{file_name}",
            JobDriver.DEMO_CONFIG,
            "{site}",
            "lab",
            "{energy_community}",
            "lab",
            "{site_id}",
            "lab",
            "{name}",
            "probe",
            "{pipeline_id}",
            "no-such-pipeline",
            "{schedule_id}",
            "no-such-schedule");
    Map<ApiOperation, JsonObject> bodies = bodies(job, worker);
    Set<ApiOperation> destructive =
        Set.of(ApiOperation.OPS_CLEANUP_JOBS, ApiOperation.OPS_CLEANUP_QUEUE);
    return contract(vertx).operations().stream()
        .map(
            op -> {
              ApiOperation operation = ApiOperation.of(op.getOperationId()).orElseThrow();
              String path = op.getOpenAPIPath();
              for (var p : params.entrySet()) {
                path = path.replace(p.getKey(), p.getValue());
              }
              if (operation == ApiOperation.GET_HISTORICAL_DATA) {
                path += "?limit=1";
              }
              JsonObject body =
                  op.getRequestBody() == null || operation == ApiOperation.UPLOAD_DATASET
                      ? null
                      : bodies.getOrDefault(operation, new JsonObject());
              return new Sample(operation, op, op.getHttpMethod(), path, body);
            })
        .sorted(
            Comparator.comparing(
                    (Sample s) ->
                        s.method() == HttpMethod.DELETE || destructive.contains(s.operation()))
                .thenComparing(Sample::operation))
        .toList();
  }

  private static Map<ApiOperation, JsonObject> bodies(String job, String worker) {
    return Map.ofEntries(
        Map.entry(ApiOperation.AGENT_NEXT_JOB, new JsonObject().put("worker_id", worker)),
        Map.entry(
            ApiOperation.AGENT_JOB_STATUS,
            new JsonObject().put("job_id", job).put("worker_id", worker).put("status", "running")),
        Map.entry(ApiOperation.AGENT_HEARTBEAT, new JsonObject().put("worker_id", worker)),
        Map.entry(
            ApiOperation.CREATE_EXPERIMENT_CONFIG,
            new JsonObject().put("file_name", "probe.yaml").put("yaml_content", "a: 1\n")),
        Map.entry(
            ApiOperation.UPDATE_EXPERIMENT_CONFIG, new JsonObject().put("yaml_content", "a: 1\n")),
        Map.entry(
            ApiOperation.CREATE_SCHEMA,
            new JsonObject().put("site", "probe").put("schema", new JsonObject())),
        Map.entry(ApiOperation.UPDATE_SCHEMA, new JsonObject().put("schema", new JsonObject())),
        Map.entry(
            ApiOperation.CREATE_DATASET,
            new JsonObject()
                .put("name", "probe")
                .put("site_id", "nosuchsite")
                .put("citylearn_configs", new JsonObject())),
        Map.entry(ApiOperation.SIMULATION_DATA_INDEX, new JsonObject().put("job_id", job)),
        Map.entry(
            ApiOperation.SIMULATION_DATA_FILE,
            new JsonObject().put("job_id", job).put("relative_path", "probe.csv")),
        Map.entry(
            ApiOperation.CREATE_PIPELINE,
            new JsonObject()
                .put(
                    "jobs",
                    new io.vertx.core.json.JsonArray()
                        .add(
                            new JsonObject()
                                .put("key", "a")
                                .put("config_path", JobDriver.DEMO_CONFIG)))),
        Map.entry(ApiOperation.RERUN_PIPELINE, new JsonObject().put("jobs", "ALL")),
        Map.entry(ApiOperation.CREATE_SCHEDULE, schedule()),
        Map.entry(ApiOperation.UPDATE_SCHEDULE, schedule()));
  }

  /** A schedule that runs the demo config once a year (so that a probe never fires a run). */
  private static JsonObject schedule() {
    return new JsonObject()
        .put("name", "probe")
        .put("cron", "0 0 1 1 *")
        .put("job", new JsonObject().put("config_path", JobDriver.DEMO_CONFIG));
  }
}
