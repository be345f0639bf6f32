package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /jobs/{id}/why gives the reasons a job is not running, as codes with a sentence")
class WhyHttpTest extends CoordinatorHttpTest {

  private JsonObject why(String id) {
    var r = tc.get("/jobs/" + id + "/why");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static List<String> codes(JsonObject why) {
    return why.getJsonArray("reasons").stream()
        .map(o -> ((JsonObject) o).getString("code"))
        .toList();
  }

  private static JsonObject reason(JsonObject why, String code) {
    return why.getJsonArray("reasons").stream()
        .map(o -> (JsonObject) o)
        .filter(r -> r.getString("code").equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + why.encodePrettily()));
  }

  private void heartbeat(String worker) {
    tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", worker));
  }

  @Test
  @DisplayName("no_worker_online names the hosts that could take it and when each was last seen")
  void noWorkerOnline() {
    String id = jobs.submit();
    JsonObject why = why(id);
    assertThat(why.getString("status")).isEqualTo("queued");
    assertThat(codes(why)).containsExactly("no_worker_online");
    JsonObject r = reason(why, "no_worker_online");
    assertThat(r.getJsonArray("hosts"))
        .extracting(h -> ((JsonObject) h).getString("host"))
        .containsExactlyInAnyOrder("worker-a", "worker-b", "local");
    assertThat(r.getString("message")).contains("worker-a (never seen)");
    assertThat(why.getJsonObject("queue").getInteger("position")).isEqualTo(1);
  }

  @Test
  @DisplayName("behind_jobs counts the jobs ahead; the first in line is next_in_line")
  void behindJobs() {
    heartbeat("worker-a");
    String first = jobs.submit();
    String second = jobs.submit();
    assertThat(codes(why(first))).containsExactly("next_in_line");
    JsonObject why = why(second);
    assertThat(codes(why)).containsExactly("behind_jobs");
    assertThat(reason(why, "behind_jobs").getInteger("ahead")).isEqualTo(1);
    assertThat(why.getJsonObject("queue").getInteger("position")).isEqualTo(2);
    String urgent = jobs.submit(new JsonObject().put("priority", 50));
    assertThat(why(urgent).getJsonObject("queue").getInteger("position")).isEqualTo(1);
    assertThat(why(second).getJsonObject("queue").getInteger("position")).isEqualTo(3);
  }

  @Test
  @DisplayName("slots_full names host, profile and used/limit")
  void slotsFull() {
    heartbeat("deucalion");
    jobs.running("deucalion");
    String waiting = jobs.submit("deucalion");
    JsonObject r = reason(why(waiting), "slots_full");
    assertThat(r.getString("message")).contains("deucalion 1/1").contains("cpu");
    JsonObject host = r.getJsonArray("hosts").getJsonObject(0);
    assertThat(host.getString("host")).isEqualTo("deucalion");
    assertThat(host.getInteger("used")).isEqualTo(1);
    assertThat(host.getInteger("limit")).isEqualTo(1);
    assertThat(host.getString("profile")).isEqualTo("cpu");
  }

  @Test
  @DisplayName("waiting_on_dependencies names the jobs it waits for and their status")
  void waitingOnDependencies() {
    String dep = jobs.submit();
    String id = jobs.submit(new JsonObject().put("depends_on", new JsonArray().add(dep)));
    JsonObject r = reason(why(id), "waiting_on_dependencies");
    assertThat(r.getJsonArray("dependencies").getJsonObject(0).getString("job_id")).isEqualTo(dep);
    assertThat(r.getString("message")).contains(dep + " (queued)");
  }

  @Test
  @DisplayName("retry_backoff says until when")
  void retryBackoff() {
    heartbeat("worker-a");
    JsonObject retry = new JsonObject().put("on", new JsonArray().add("exit_code"));
    String id = jobs.submit(new JsonObject().put("target_host", "worker-a").put("retry", retry));
    jobs.poll("worker-a");
    jobs.report(id, "running", "worker-a");
    tc.post(
        "/api/agent/job-status",
        new JsonObject()
            .put("job_id", id)
            .put("status", "failed")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("exit_code", 2));
    JsonObject r = reason(why(id), "retry_backoff");
    assertThat(r.getValue("not_before")).isNotNull();
    assertThat(r.getString("message")).contains("until");
  }

  @Test
  @DisplayName("dispatched, stop_requested and ended jobs say so; a running job has no reasons")
  void otherStates() {
    String dispatched = jobs.dispatched("worker-a");
    assertThat(codes(why(dispatched))).containsExactly("dispatched");
    jobs.report(dispatched, "running", "worker-a");
    JsonObject running = why(dispatched);
    assertThat(running.getBoolean("running")).isTrue();
    assertThat(codes(running)).isEmpty();
    tc.post("/stop/" + dispatched, new JsonObject());
    assertThat(codes(why(dispatched))).containsExactly("stop_requested");
    jobs.report(dispatched, "stopped", "worker-a");
    JsonObject ended = why(dispatched);
    assertThat(codes(ended)).containsExactly("ended");
    assertThat(reason(ended, "ended").getString("message")).contains("stopped");
    assertThat(tc.get("/jobs/no-such-job/why").statusCode()).isEqualTo(404);
  }
}
