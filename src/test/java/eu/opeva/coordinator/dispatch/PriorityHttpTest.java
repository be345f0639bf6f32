package eu.opeva.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Priorities order the queue, first come first served within one, with aging")
class PriorityHttpTest extends CoordinatorHttpTest {

  private String submit(int priority) {
    return jobs.submit(new JsonObject().put("priority", priority));
  }

  private List<String> drain(String worker) {
    List<String> out = new ArrayList<>();
    JsonObject p;
    while ((p = jobs.poll(worker)) != null) {
      out.add(p.getString("job_id"));
    }
    return out;
  }

  @Test
  @DisplayName(
      "higher priorities go first, FIFO within a priority; /queue shows position and effective priority")
  void order() {
    String low = submit(-5);
    String a = submit(0);
    String high = submit(10);
    String b = submit(0);
    JsonArray queue = tc.get("/queue").bodyAsJsonArray();
    assertThat(queue)
        .extracting(o -> ((JsonObject) o).getString("job_id"))
        .containsExactly(high, a, b, low);
    JsonObject first = queue.getJsonObject(0);
    assertThat(first.getInteger("position")).isEqualTo(1);
    assertThat(first.getInteger("priority")).isEqualTo(10);
    assertThat(first.getDouble("effective_priority")).isEqualTo(10.0);
    assertThat(queue.getJsonObject(3).getInteger("position")).isEqualTo(4);
    assertThat(drain("worker-a")).containsExactly(high, a, b, low);
  }

  @Test
  @DisplayName("aging: a job waiting 11 minutes at priority 0 passes a new one at priority 10")
  void agingLetsOldJobsPass() {
    String old = submit(0);
    clock.advance(Duration.ofMinutes(11));
    String fresh = submit(10);
    JsonArray queue = tc.get("/queue").bodyAsJsonArray();
    assertThat(queue.getJsonObject(0).getString("job_id")).isEqualTo(old);
    assertThat(queue.getJsonObject(0).getDouble("effective_priority")).isEqualTo(11.0);
    assertThat(drain("worker-a")).containsExactly(old, fresh);
  }

  @Test
  @DisplayName("aging does not reorder before it has made up the difference")
  void agingIsGradual() {
    String old = submit(0);
    clock.advance(Duration.ofMinutes(9));
    String fresh = submit(10);
    assertThat(drain("worker-a")).containsExactly(fresh, old);
  }

  @Test
  @DisplayName("pinned jobs and priorities: a host takes the best job it may run")
  void pinnedAndPriority() {
    String pinnedLow =
        jobs.submit(new JsonObject().put("target_host", "worker-a").put("priority", -1));
    String unpinnedHigh = submit(5);
    assertThat(jobs.poll("worker-b").getString("job_id")).isEqualTo(unpinnedHigh);
    assertThat(jobs.poll("worker-b")).isNull();
    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(pinnedLow);
  }

  @Test
  @DisplayName("the order survives a restart")
  void survivesRestart() {
    String low = submit(-1);
    String high = submit(1);
    tc.restart();
    assertThat(drain("worker-a")).containsExactly(high, low);
  }
}
