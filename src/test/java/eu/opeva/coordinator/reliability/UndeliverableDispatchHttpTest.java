package eu.opeva.coordinator.reliability;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.storage.StorageFaults;
import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.ProgrammableFaults;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A dispatch whose poller is gone is undone at once, and its attempt fenced")
class UndeliverableDispatchHttpTest extends CoordinatorHttpTest {
  private final ProgrammableFaults faults = new ProgrammableFaults();

  @Override
  protected StorageFaults faults() {
    return faults;
  }

  @Test
  @DisplayName(
      "the long poll closes while its dispatch is written: the job is queued again, attempt 1 refused")
  void pollerGoneDuringDispatch() throws Exception {
    String body = new JsonObject().put("worker_id", "worker-a").put("wait_seconds", 20).encode();
    DispatchClient dispatch = new DispatchClient(tc.vertx);
    String id;
    try (Socket poller = new Socket("127.0.0.1", tc.port())) {
      OutputStream out = poller.getOutputStream();
      out.write(
          ("POST /api/agent/next-job HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                  + "\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      eventually(
          Duration.ofSeconds(5),
          () ->
              TestCoordinator.await(dispatch.stats()).getInteger("waiting_polls") == 1
                  ? true
                  : null);
      // Every status write now takes a second: the dispatch to the waiting poll is slow.
      faults.delay(p -> p.getFileName().toString().equals("status.json"), Duration.ofSeconds(1));
      id = jobs.submit();
      eventually(Duration.ofSeconds(5), () -> faults.delaying() == 1 ? true : null);
    } // the agent is gone before its payload is sent
    faults.clear();
    String job = id;
    JsonObject back =
        eventually(
            Duration.ofSeconds(10),
            () -> {
              JsonObject doc = jobs.status(job);
              return "queued".equals(doc.getString("status"))
                      && doc.getInteger("attempt_number") == 1
                  ? doc
                  : null;
            });
    assertThat(back.getBoolean("undelivered")).isTrue();
    assertThat(back.getString("requeued_from")).isEqualTo("worker-a");
    JsonObject payload = jobs.poll("worker-b");
    assertThat(payload.getString("job_id")).isEqualTo(id);
    assertThat(payload.getInteger("attempt")).isEqualTo(2);
    assertThat(jobs.report(id, "running", "worker-a", 1)).as("attempt 1 is fenced").isEqualTo(409);
  }

  @Test
  @DisplayName(
      "a dispatch whose answer was lost in a restart is requeued at the first sweep after a"
          + " heartbeat that holds it neither running nor unreported, not after the claim TTL")
  void dispatchLostInARestart() {
    String id = jobs.submit();
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(id);
    clock.advance(Duration.ofSeconds(1));
    tc.restart(); // the payload never reached the agent

    heartbeat(new JsonObject().put("active_job_ids", new JsonArray()));
    tc.sweep();
    assertThat(jobs.state(id))
        .as("an agent that does not say what it has yet to report disowns nothing")
        .isEqualTo("dispatched");
    heartbeat(
        new JsonObject()
            .put("active_job_ids", new JsonArray())
            .put(AgentProtocol.UNREPORTED_JOB_IDS, new JsonArray().add(id)));
    tc.sweep();
    assertThat(jobs.state(id)).as("its end is still to be reported").isEqualTo("dispatched");

    heartbeat(
        new JsonObject()
            .put("active_job_ids", new JsonArray())
            .put(AgentProtocol.UNREPORTED_JOB_IDS, new JsonArray()));
    tc.sweep();
    JsonObject back = jobs.status(id);
    assertThat(back.getString("status")).isEqualTo("queued");
    assertThat(back.getBoolean("undelivered")).isTrue();
    assertThat(jobs.report(id, "running", "worker-a", 1)).as("attempt 1 is fenced").isEqualTo(409);
    clock.advance(Duration.ofSeconds(10)); // past its retry backoff
    assertThat(jobs.poll("worker-b").getInteger("attempt")).isEqualTo(2);
  }

  private void heartbeat(JsonObject info) {
    assertThat(
            tc.post(
                    AgentProtocol.HEARTBEAT,
                    new JsonObject().put("worker_id", "worker-a").put("info", info))
                .statusCode())
        .isEqualTo(200);
  }
}
