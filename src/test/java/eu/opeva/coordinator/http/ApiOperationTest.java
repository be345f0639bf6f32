package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.Coordinator;
import eu.opeva.coordinator.ops.OpsHandlers;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every operation of the contract is an ApiOperation, and every one has a handler")
class ApiOperationTest extends CoordinatorHttpTest {

  private static OpenAPIContract contract(Vertx vertx) {
    return TestCoordinator.await(OpenAPIContract.from(vertx, HttpVerticle.CONTRACT));
  }

  @Test
  @DisplayName("the enum and the contract name the same operations, one constant per id")
  void enumIsTheContract(Vertx vertx) {
    List<String> contractIds =
        contract(vertx).operations().stream().map(Operation::getOperationId).toList();
    assertThat(Arrays.stream(ApiOperation.values()).map(ApiOperation::id))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(contractIds);
    for (ApiOperation op : ApiOperation.values()) {
      assertThat(op.name())
          .as("constant of %s", op.id())
          .isEqualTo(op.id().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase());
      assertThat(ApiOperation.of(op.id())).contains(op);
    }
  }

  @Test
  @DisplayName("the coordinator's features bind a handler to every operation, each once")
  void everyOperationIsBound(Vertx vertx) {
    OpenAPIContract contract = contract(vertx);
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    ApiBinder binder = new ApiBinder(builder);
    new Coordinator(vertx, tc.config, clock).routes(vertx).forEach(r -> r.mount(binder));
    assertThat(binder.bound()).containsExactlyInAnyOrder(ApiOperation.values());
    assertThat(binder.unbound(contract)).isEmpty();
    assertThat(builder.createRouter()).isNotNull();
  }

  @Test
  @DisplayName("the HTTP edge refuses to start while an operation has no handler")
  void startRefusedWithoutHandler(Vertx vertx) {
    var http =
        new HttpVerticle(
            tc.config,
            v ->
                new Coordinator(v, tc.config, clock)
                    .routes(v).stream().filter(r -> !(r instanceof OpsHandlers)).toList(),
            eu.opeva.coordinator.auth.AuthService.disabled());
    assertThatThrownBy(() -> TestCoordinator.await(vertx.deployVerticle(http)))
        .hasStackTraceContaining("without a handler")
        .hasStackTraceContaining(ApiOperation.OPS_REQUEUE_JOB.id())
        .hasStackTraceContaining(ApiOperation.OPS_CLEANUP_JOBS.id());
  }

  /** Request bodies that pass the contract's validation, so that the handler itself answers. */
  private static Map<ApiOperation, JsonObject> bodies(String job) {
    return Map.of(
        ApiOperation.AGENT_NEXT_JOB, new JsonObject().put("worker_id", "worker-a"),
        ApiOperation.AGENT_JOB_STATUS,
            new JsonObject()
                .put("job_id", job)
                .put("worker_id", "worker-a")
                .put("status", "running"),
        ApiOperation.AGENT_HEARTBEAT, new JsonObject().put("worker_id", "worker-a"),
        ApiOperation.CREATE_EXPERIMENT_CONFIG,
            new JsonObject().put("file_name", "probe.yaml").put("yaml_content", "a: 1\n"),
        ApiOperation.UPDATE_EXPERIMENT_CONFIG, new JsonObject().put("yaml_content", "a: 1\n"),
        ApiOperation.CREATE_SCHEMA,
            new JsonObject().put("site", "probe").put("schema", new JsonObject()),
        ApiOperation.UPDATE_SCHEMA, new JsonObject().put("schema", new JsonObject()),
        ApiOperation.CREATE_DATASET,
            new JsonObject()
                .put("name", "probe")
                .put("site_id", "nosuchsite")
                .put("citylearn_configs", new JsonObject()),
        ApiOperation.SIMULATION_DATA_INDEX, new JsonObject().put("job_id", job),
        ApiOperation.SIMULATION_DATA_FILE,
            new JsonObject().put("job_id", job).put("relative_path", "probe.csv"));
  }

  @Test
  @DisplayName(
      "every operation of the live coordinator reaches its handler, never the router's 404")
  void everyOperationAnswers(Vertx vertx) {
    String job = jobs.submit();
    Map<String, String> samples =
        Map.of(
            "{job_id}", job,
            "{file_name}", JobDriver.DEMO_CONFIG,
            "{site}", "lab",
            "{energy_community}", "lab",
            "{site_id}", "lab",
            "{name}", "probe");
    Map<ApiOperation, JsonObject> bodies = bodies(job);
    // Deletions and cleanups last, so that the other operations still find what they read.
    Set<ApiOperation> destructive =
        Set.of(ApiOperation.OPS_CLEANUP_JOBS, ApiOperation.OPS_CLEANUP_QUEUE);
    List<Operation> operations =
        contract(vertx).operations().stream()
            .sorted(
                Comparator.comparing(
                        (Operation op) ->
                            op.getHttpMethod() == HttpMethod.DELETE
                                || destructive.contains(
                                    ApiOperation.of(op.getOperationId()).orElseThrow()))
                    .thenComparing(op -> ApiOperation.of(op.getOperationId()).orElseThrow()))
            .toList();
    for (Operation op : operations) {
      ApiOperation operation = ApiOperation.of(op.getOperationId()).orElseThrow();
      String path = op.getOpenAPIPath();
      for (var sample : samples.entrySet()) {
        path = path.replace(sample.getKey(), sample.getValue());
      }
      if (operation == ApiOperation.GET_HISTORICAL_DATA) {
        path += "?limit=1";
      }
      String what = op.getHttpMethod() + " " + path + " (" + op.getOperationId() + ")";
      HttpResponse<Buffer> response =
          operation == ApiOperation.UPLOAD_DATASET
              ? upload(path)
              : tc.call(
                  op.getHttpMethod(),
                  path,
                  op.getRequestBody() == null
                      ? null
                      : bodies.getOrDefault(operation, new JsonObject()).toBuffer());
      String answer = response.bodyAsString();
      assertThat(response.statusCode()).as(what).isNotIn(405, 501);
      assertThat(answer).as(what).isNotEqualTo("{\"detail\":\"Not Found\"}");
      if (response.statusCode() == 400) {
        assertThat(new JsonObject(answer).getString("detail"))
            .as("%s must pass validation", what)
            .doesNotStartWith("Invalid request");
      }
    }
    assertThat(tc.get("/no-such-operation").bodyAsString()).isEqualTo("{\"detail\":\"Not Found\"}");
  }

  /** An empty zip as the {@code file} of the upload form. */
  private HttpResponse<Buffer> upload(String path) {
    Buffer emptyZip = Buffer.buffer(new byte[] {'P', 'K', 5, 6}).appendBytes(new byte[18]);
    return TestCoordinator.await(
        tc.client
            .post(tc.port(), "127.0.0.1", path)
            .sendMultipartForm(
                MultipartForm.create()
                    .attribute("name", "probe")
                    .binaryFileUpload("file", "probe.zip", emptyZip, "application/zip")));
  }
}
