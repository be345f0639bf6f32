package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A job no agent seen lately can run is accepted with a warning that says so")
class HostWarningsHttpTest extends CoordinatorHttpTest {
  static final String WAITS = "; the job waits until one asks for work";

  private void heartbeat(String worker) {
    var r = tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", worker));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("pinned to a host no agent of which has been seen since start")
  void neverSeen() {
    JsonObject answer = jobs.accepted(new JsonObject().put("target_host", "deucalion"));
    assertThat(answer.getString("status")).isEqualTo("queued");
    assertThat(answer.getJsonArray("warnings"))
        .containsExactly(
            "no agent for host 'deucalion' has been seen since start (2026-01-01T00:00:00Z)"
                + WAITS);
  }

  @Test
  @DisplayName("pinned to a host whose agent fell silent longer than the heartbeat TTL ago")
  void seenTooLongAgo() {
    heartbeat("worker-b");
    clock.advance(Duration.ofSeconds(61));
    JsonObject answer = jobs.accepted(new JsonObject().put("target_host", "worker-b"));
    assertThat(answer.getJsonArray("warnings"))
        .containsExactly(
            "no agent for host 'worker-b' has been seen within 60 s (last seen"
                + " 2026-01-01T00:00:00Z)"
                + WAITS);
  }

  @Test
  @DisplayName("an agent seen within the TTL: the answer is the plain answer, without warnings")
  void agentSeen() {
    heartbeat("worker-a");
    clock.advance(Duration.ofSeconds(59));
    assertThat(jobs.accepted(new JsonObject().put("target_host", "worker-a")).fieldNames())
        .containsExactlyInAnyOrder("job_id", "status", "host", "job_name", "image_tag", "image");
    assertThat(jobs.accepted(new JsonObject()).containsKey("warnings")).isFalse();
  }

  @Test
  @DisplayName("unpinned, while no host that takes unpinned jobs has an agent")
  void unpinned() {
    assertThat(jobs.accepted(new JsonObject()).getJsonArray("warnings"))
        .containsExactly(
            "no agent of a host that may take it (worker-a, worker-b, local) has been seen within"
                + " 60 s"
                + WAITS);
  }

  @Test
  @DisplayName("a pipeline: one warning per host, naming its jobs")
  void pipeline() {
    heartbeat("worker-a");
    JsonObject body =
        new JsonObject()
            .put(
                "jobs",
                new JsonArray()
                    .add(node("prep", "deucalion"))
                    .add(node("train", "deucalion"))
                    .add(node("report", "worker-a")));
    var r = tc.post("/pipelines", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("warnings"))
        .containsExactly(
            "jobs prep, train: no agent for host 'deucalion' has been seen since start"
                + " (2026-01-01T00:00:00Z)"
                + WAITS);
  }

  private static JsonObject node(String key, String host) {
    return new JsonObject()
        .put("key", key)
        .put("config_path", "demo.yaml")
        .put("target_host", host);
  }
}
