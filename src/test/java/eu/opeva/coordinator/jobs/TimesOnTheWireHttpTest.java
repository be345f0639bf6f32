package eu.opeva.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Times are plain decimals with millisecond precision, on the wire and on disk")
class TimesOnTheWireHttpTest extends CoordinatorHttpTest {
  String id;

  /** Submitted at ...626.604, started 1.234 s later, finished 8.218 s after that. */
  @BeforeEach
  void finishedJob() throws Exception {
    clock.advance(Duration.ofMillis(26_604));
    id = jobs.dispatched("worker-a");
    clock.advance(Duration.ofMillis(1_234));
    jobs.report(id, "running", "worker-a");
    clock.advance(Duration.ofMillis(8_218));
    var report =
        new JsonObject()
            .put("job_id", id)
            .put("status", "finished")
            .put("worker_id", "worker-a")
            .put("attempt", 1)
            .put("details", new JsonObject().put("duration_seconds", 8.218));
    assertThat(tc.post("/api/agent/job-status", report).statusCode()).isEqualTo(200);
    Path results = jobs.jobDir(id).resolve("results");
    Files.createDirectories(results);
    // As another program may write it: a float in exponent form.
    Files.writeString(
        results.resolve("result.json"),
        "{\"started_at\": 1.767225627838E9, \"finished_at\": 1767225636.056, \"reward\": 1.5e9}");
  }

  @Test
  @DisplayName("/status, /job-info, /jobs and /result print the times exactly")
  void answers() {
    String status = tc.get("/status/" + id).bodyAsString();
    assertThat(status)
        .contains(
            "\"submitted_at\":1767225626.604,\"queued_at\":1767225626.604,"
                + "\"dispatched_at\":1767225626.604,\"started_at\":1767225627.838,"
                + "\"finished_at\":1767225636.056")
        .contains("\"details\":{\"duration_seconds\":8.218}");
    assertPlain(status);

    String info = tc.get("/job-info/" + id).bodyAsString();
    assertThat(info)
        .contains("\"submitted_at\":1767225626.604,")
        .contains("\"started_at\":1767225627.838,")
        .contains(
            "\"queue_wait_seconds\":1.234,\"run_duration_seconds\":8.218,"
                + "\"total_duration_seconds\":9.452");
    assertPlain(info);

    String list = tc.get("/jobs").bodyAsString();
    assertThat(list)
        .contains("\"submitted_at\":1767225626.604,\"queued_at\":1767225626.604,")
        .contains("\"finished_at\":1767225636.056,\"last_status_at\":1767225636.056,")
        .contains("\"run_duration_seconds\":8.218,");
    assertPlain(list);

    String result = tc.get("/result/" + id).bodyAsString();
    assertThat(result)
        .startsWith(
            "{\"started_at\":1767225627.838,\"finished_at\":1767225636.056,"
                + "\"reward\":1500000000.0,");
    assertPlain(result);
  }

  @Test
  @DisplayName("job_info.json and status.json, rewritten at every change, stay plain")
  void files() throws Exception {
    String info = Files.readString(jobs.jobDir(id).resolve("job_info.json"));
    String status = Files.readString(jobs.jobDir(id).resolve("status.json"));
    assertThat(info).contains("\"submitted_at\" : 1767225626.604");
    assertThat(status).contains("\"finished_at\" : 1767225636.056");
    assertPlain(info);
    assertPlain(status);
  }

  @Test
  @DisplayName("times other programs wrote with microseconds are served to the millisecond")
  void microseconds() throws Exception {
    Path file = jobs.jobDir(id).resolve("job_info.json");
    JsonObject info =
        new JsonObject(Files.readString(file)).put("submitted_at", 1767225626.6041234);
    Files.writeString(file, info.encodePrettily());
    assertThat(tc.get("/job-info/" + id).bodyAsString())
        .contains("\"submitted_at\":1767225626.604,");
  }

  /** No number of the text has an exponent (strings, such as job ids, are left out). */
  static void assertPlain(String json) {
    String numbers = json.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    assertThat(numbers).doesNotContainPattern("[0-9][eE][-+]?[0-9]");
  }
}
