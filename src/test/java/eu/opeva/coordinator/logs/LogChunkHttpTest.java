package eu.opeva.coordinator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/logs-chunk gives the tail, then deltas from next_offset, as JSON text")
class LogChunkHttpTest extends CoordinatorHttpTest {

  @Test
  @DisplayName("tail_lines returns the last lines; appended data comes from next_offset")
  void tailThenDelta() throws Exception {
    String id = jobs.running("worker-a");
    Path log = jobs.logFile(id);
    Files.writeString(log, "l1\nl2\nl3\n");
    JsonObject tail = tc.get("/logs-chunk/" + id + "?tail_lines=2").bodyAsJsonObject();
    assertThat(tail)
        .isEqualTo(
            new JsonObject()
                .put("job_id", id)
                .put("text", "l2\nl3\n")
                .put("next_offset", 9)
                .put("truncated", true)
                .put("available", true)
                .putNull("message"));

    Files.writeString(log, "l4\n", StandardOpenOption.APPEND);
    JsonObject delta = tc.get("/logs-chunk/" + id + "?offset=9").bodyAsJsonObject();
    assertThat(delta.getString("text")).isEqualTo("l4\n");
    assertThat(delta.getLong("next_offset")).isEqualTo(12);
    assertThat(delta.getBoolean("truncated")).isFalse();
    JsonObject nothing = tc.get("/logs-chunk/" + id + "?offset=12").bodyAsJsonObject();
    assertThat(nothing.getString("text")).isEmpty();
    assertThat(nothing.getLong("next_offset")).isEqualTo(12);
  }

  @Test
  @DisplayName("max_bytes bounds a delta and an offset past the end resets to the size")
  void maxBytesAndReset() throws Exception {
    String id = jobs.running("worker-a");
    Files.writeString(jobs.logFile(id), "x".repeat(3000));
    JsonObject first = tc.get("/logs-chunk/" + id + "?offset=0&max_bytes=1024").bodyAsJsonObject();
    assertThat(first.getString("text")).hasSize(1024);
    assertThat(first.getLong("next_offset")).isEqualTo(1024);
    assertThat(first.getBoolean("truncated")).isTrue();
    JsonObject reset = tc.get("/logs-chunk/" + id + "?offset=999999999999").bodyAsJsonObject();
    assertThat(reset.getLong("next_offset")).isEqualTo(3000);
    assertThat(reset.getString("text")).isEmpty();
  }

  @Test
  @DisplayName("invalid UTF-8 is replaced in the JSON text, never a failure")
  void invalidUtf8() throws Exception {
    String id = jobs.running("worker-a");
    Files.write(jobs.logFile(id), new byte[] {'a', (byte) 0xff, 'b', '\n'});
    var response = tc.get("/logs-chunk/" + id + "?offset=0");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("text")).isEqualTo("a\uFFFDb\n");
  }

  @Test
  @DisplayName("without a log: available false and the wait message for active jobs, 404 otherwise")
  void gating() {
    String queued = jobs.submit("worker-a");
    JsonObject waiting = tc.get("/logs-chunk/" + queued + "?offset=5").bodyAsJsonObject();
    assertThat(waiting.getBoolean("available")).isFalse();
    assertThat(waiting.getString("text")).isEmpty();
    assertThat(waiting.getLong("next_offset")).isEqualTo(5);
    assertThat(waiting.getString("message")).isEqualTo(JobLogs.NOT_YET);
    assertThat(tc.get("/logs-chunk/unknown-job").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("out-of-range parameters are a 400 with a reason")
  void badParameters() {
    String id = jobs.running("worker-a");
    for (String q :
        new String[] {
          "offset=-1", "tail_lines=0", "tail_lines=5001", "max_bytes=10", "max_bytes=9999999"
        }) {
      var response = tc.get("/logs-chunk/" + id + "?" + q);
      assertThat(response.statusCode()).as(q).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("detail")).as(q).isNotBlank();
    }
  }
}
