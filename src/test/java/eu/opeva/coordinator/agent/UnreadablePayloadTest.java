package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.HeartbeatReply;
import eu.opeva.coordinator.protocol.StatusReport;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A payload the agent cannot read is reported failed, not left dispatched")
class UnreadablePayloadTest {
  static final String JOB_ID = "4f2a9c1e-0001";

  /**
   * A coordinator stand-in: hands out the given payloads one per poll (then nothing), and keeps
   * every status report it receives.
   */
  static final class StubCoordinator {
    final Queue<JsonObject> payloads = new ArrayDeque<>();
    final List<JsonObject> reports = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    HttpServer server;

    StubCoordinator(Vertx vertx, JsonObject... toHandOut) {
      payloads.addAll(List.of(toHandOut));
      server =
          TestCoordinator.await(
              vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1"));
    }

    private void answer(HttpServerRequest req) {
      req.body()
          .onSuccess(
              body -> {
                switch (req.path()) {
                  case AgentProtocol.NEXT_JOB -> {
                    polls.incrementAndGet();
                    JsonObject next = payloads.poll();
                    if (next == null) {
                      req.response().setStatusCode(204).end();
                    } else {
                      req.response()
                          .putHeader("content-type", "application/json")
                          .end(next.encode());
                    }
                  }
                  case AgentProtocol.JOB_STATUS -> {
                    reports.add(body.toJsonObject());
                    req.response().end(new JsonObject().put("ok", true).encode());
                  }
                  case AgentProtocol.HEARTBEAT ->
                      req.response().end(new HeartbeatReply(List.of()).toJson().encode());
                  default -> req.response().setStatusCode(404).end();
                }
              });
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.actualPort());
    }
  }

  Vertx vertx;
  StubCoordinator stub;
  AgentTesting.Deployed agent;

  private void start(Vertx vertx, Path shared, JsonObject payload) {
    this.vertx = vertx;
    stub = new StubCoordinator(vertx, payload);
    agent =
        AgentTesting.deploy(
            vertx,
            AgentSettings.of(stub.uri(), "worker-a", shared).withTimings(AgentTesting.QUICK));
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      AgentTesting.undeploy(vertx, agent);
    }
    if (stub != null) {
      TestCoordinator.await(stub.server.close());
    }
  }

  @Test
  @DisplayName(
      "with a usable job id and attempt, the attempt is reported failed with error payload_invalid")
  void reportedFailed(Vertx vertx, @TempDir Path shared) {
    start(
        vertx,
        shared,
        new JsonObject()
            .put("job_id", JOB_ID)
            .put("attempt", 3)
            .put("image", "calof/opeva_simulator:v7")
            .put("env", "not an object"));

    JsonObject sent = eventually(Duration.ofSeconds(10), () -> first(stub.reports));

    StatusReport report = StatusReport.fromJson(sent);
    assertThat(report.jobId()).isEqualTo(JOB_ID);
    assertThat(report.status()).isEqualTo(JobStatus.FAILED);
    assertThat(report.attempt()).isEqualTo(3);
    assertThat(report.workerId()).isEqualTo("worker-a");
    assertThat(report.error()).startsWith("payload_invalid: ");
    eventually(
        Duration.ofSeconds(10),
        () -> agent.state().getInteger("pending_reports") == 0 ? true : null);
    assertThat(agent.state().getJsonObject("active")).as("nothing was started").isEmpty();
    assertThat(stub.reports).hasSize(1);
  }

  @Test
  @DisplayName("without a usable job id the payload is dropped, and the agent keeps polling")
  void droppedWithoutJobId(Vertx vertx, @TempDir Path shared) throws Exception {
    start(vertx, shared, new JsonObject().put("job_id", "../etc").put("attempt", 1));

    eventually(Duration.ofSeconds(10), () -> stub.polls.get() >= 2 ? true : null);

    assertThat(stub.reports).isEmpty();
    assertThat(agent.state().getJsonObject("active")).isEmpty();
    assertThat(agent.state().getInteger("pending_reports")).isZero();
  }

  private static <T> T first(List<T> list) {
    return list.isEmpty() ? null : list.get(0);
  }
}
