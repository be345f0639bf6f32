package eu.opeva.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.Coordinator;
import eu.opeva.coordinator.ops.OpsHandlers;
import eu.opeva.coordinator.testing.ContractRequests;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every operation of the contract is an ApiOperation, and every one has a handler")
class ApiOperationTest extends CoordinatorHttpTest {

  private static OpenAPIContract contract(Vertx vertx) {
    return ContractRequests.contract(vertx);
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
            eu.opeva.coordinator.auth.AuthService.disabled(),
            tc.metrics().http(),
            TestCoordinator.await(HttpContract.load(vertx, 1)),
            0);
    assertThatThrownBy(() -> TestCoordinator.await(vertx.deployVerticle(http)))
        .hasStackTraceContaining("without a handler")
        .hasStackTraceContaining(ApiOperation.OPS_REQUEUE_JOB.id())
        .hasStackTraceContaining(ApiOperation.OPS_CLEANUP_JOBS.id());
  }

  @Test
  @DisplayName(
      "every operation of the live coordinator reaches its handler, never the router's 404")
  void everyOperationAnswers(Vertx vertx) {
    String job = jobs.submit();
    for (ContractRequests.Sample sample : ContractRequests.all(vertx, job, "worker-a")) {
      HttpResponse<Buffer> response =
          sample.send(tc, io.vertx.core.MultiMap.caseInsensitiveMultiMap());
      String what = sample.describe();
      String answer = response.bodyAsString();
      assertThat(response.statusCode()).as(what).isNotIn(405, 501);
      assertThat(response.statusCode() == 404 && answer.contains("\"detail\":\"Not Found\""))
          .as(what + " is routed")
          .isFalse();
      if (response.statusCode() == 400) {
        // Validation failures list their problems in errors; the handler's own refusals do not.
        assertThat(new JsonObject(answer).containsKey("errors"))
            .as("%s must pass validation: %s", what, answer)
            .isFalse();
      }
    }
    var unknown = tc.get("/no-such-operation");
    assertThat(unknown.bodyAsJsonObject().getString("detail")).isEqualTo("Not Found");
    assertThat(unknown.bodyAsJsonObject().getString("request_id"))
        .isEqualTo(unknown.getHeader("X-Request-Id"));
  }
}
