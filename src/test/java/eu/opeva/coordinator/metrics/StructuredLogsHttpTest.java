package eu.opeva.coordinator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import eu.opeva.coordinator.testing.LogCapture;
import eu.opeva.coordinator.testing.Scrape;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Requests are in the access log and transitions in the log, with their request ids")
class StructuredLogsHttpTest extends CoordinatorHttpTest {

  private static MultiMap id(String requestId) {
    return MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", requestId);
  }

  private static List<String> lines(LogCapture log, String logger) {
    return Arrays.stream(log.text().split("\n")).filter(l -> l.contains(logger)).toList();
  }

  @Test
  @DisplayName("a request's id names its access line, its error answer and the transitions it made")
  void requestIds() {
    try (LogCapture log = LogCapture.start()) {
      var submitted =
          tc.call(
              HttpMethod.POST,
              "/run-simulation",
              new JsonObject().put("config_path", "demo.yaml").put("target_host", "worker-a"),
              id("submit-1"));
      String job = submitted.bodyAsJsonObject().getString("job_id");
      var missing = tc.call(HttpMethod.GET, "/status/no-such-job", null, id("missing-1"));
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.bodyAsJsonObject().getString("request_id")).isEqualTo("missing-1");
      assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(job);
      tc.call(
          HttpMethod.POST,
          "/api/agent/job-status",
          new JsonObject()
              .put("job_id", job)
              .put("status", "failed")
              .put("worker_id", "worker-a")
              .put("attempt", 1)
              .put("exit_code", 3)
              .put("error", "boom\nINFO forged line"),
          id("report-1"));

      List<String> access = lines(log, "http.RequestLog");
      assertThat(access)
          .anyMatch(
              l ->
                  l.contains(" INFO ")
                      && l.contains(
                          "eu.opeva.coordinator.http.RequestLog - request_id=submit-1 method=POST"
                              + " path=/run-simulation operation=runSimulation status=200"
                              + " duration_ms="))
          .anyMatch(
              l ->
                  l.contains(
                      "request_id=missing-1 method=GET path=/status/no-such-job"
                          + " operation=getStatus status=404"));
      assertThat(access)
          .as("routine agent calls answered below 400 are not logged at INFO")
          .noneMatch(l -> l.contains("operation=agentNextJob"));
      List<String> transitions = lines(log, "dispatch.TransitionLog");
      assertThat(transitions)
          .anyMatch(
              l ->
                  l.endsWith(
                      "job_id="
                          + job
                          + " from=new to=queued attempt=0 worker=- reason=submitted"
                          + " request_id=submit-1"))
          .anyMatch(l -> l.contains("job_id=" + job + " from=queued to=dispatched attempt=1"))
          .anyMatch(
              l ->
                  l.endsWith(
                      "from=dispatched to=failed attempt=1 worker=worker-a"
                          + " reason=\"boom\\nINFO forged line\" request_id=report-1"));
      assertThat(log.text().lines()).noneMatch(l -> l.startsWith("INFO forged line"));
    }
  }

  @Test
  @DisplayName("HEAD, served as the GET it asks about, is timed and logged once")
  void headOnce() {
    assertThat(tc.call(HttpMethod.HEAD, "/jobs", null).statusCode()).isEqualTo(200);
    // Timed when the answer has ended, which the client may see first.
    Scrape s =
        eu.opeva.coordinator.testing.Eventually.eventually(
            java.time.Duration.ofSeconds(10),
            () -> {
              Scrape now = new Scrape(tc.metrics().registry().scrape());
              return now.find(
                          "opeva_http_server_requests_seconds_count",
                          "operation",
                          "listJobs",
                          "status",
                          "200")
                      .isEmpty()
                  ? null
                  : now;
            });
    assertThat(
            s.value(
                "opeva_http_server_requests_seconds_count",
                "operation",
                "listJobs",
                "status",
                "200"))
        .isEqualTo(1);
  }
}
