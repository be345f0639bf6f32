package eu.opeva.coordinator.metrics;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.Scrape;
import eu.opeva.coordinator.testing.StreamReader;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted workload on a coordinator whose Vert.x reports into its registry, as {@code serve}
 * makes it; then every metric of {@code docs/metrics.md} is in the scrape with the expected value.
 */
@DisplayName("GET /metrics after a scripted workload shows each metric with the expected value")
class MetricsHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path root;
  private final MutableClock clock = new MutableClock();
  private Metrics metrics;
  private Vertx vertx;
  private TestCoordinator tc;
  private JobDriver jobs;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/" + JobDriver.DEMO_CONFIG), "experiment:\n  name: Demo\n");
    metrics = Metrics.create();
    vertx = metrics.newVertx(new VertxOptions());
    tc = new TestCoordinator(vertx, root, clock, Map.of("DEMO_DATA", "true")).withMetrics(metrics);
    tc.startCoordinator();
    jobs = new JobDriver(tc);
  }

  @AfterEach
  void stop() throws Exception {
    if (tc != null) {
      tc.close();
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    metrics.close();
  }

  private Scrape scrape() {
    HttpResponse<Buffer> r = tc.get("/metrics");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader("content-type")).startsWith("text/plain; version=0.0.4");
    return new Scrape(r.bodyAsString());
  }

  private void heartbeat(String worker) {
    assertThat(
            tc.post("/api/agent/heartbeat", new JsonObject().put("worker_id", worker)).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "jobs, queue, long polls, dispatch latency, transitions, recoveries, retries, fencing,"
          + " schedules, exports, followers, HTTP per operation, hosts, Vert.x pools, JVM")
  void scriptedWorkload() {
    Scrape idle = scrape();
    assertThat(idle.value("opeva_jobs", "status", "queued")).isZero();
    assertThat(idle.value("opeva_schedule_runs_total", "outcome", "submitted")).isZero();
    assertThat(idle.value("opeva_host_online", "host", "worker-a")).isZero();

    // A long poll of "local" is held until a job comes.
    var longPoll = jobs.pollAsync("local", 30);
    eventually(WAIT, "the poll waits", () -> scrape().value("opeva_long_polls_waiting") == 1.0);

    heartbeat("worker-a");
    heartbeat("local");
    String pinnedA = jobs.submit("worker-a");
    String forDeucalion = jobs.submit("deucalion");
    Scrape queued = scrape();
    assertThat(queued.value("opeva_queue_depth", "host", "worker-a", "profile", "cpu"))
        .isEqualTo(1);
    assertThat(queued.value("opeva_queue_depth", "host", "deucalion", "profile", "cpu"))
        .isEqualTo(1);
    assertThat(queued.value("opeva_host_online", "host", "worker-a")).isEqualTo(1);
    assertThat(queued.value("opeva_host_online", "host", "deucalion")).isZero();

    // An unpinned job goes straight to the waiting poll.
    String unpinned = jobs.submit();
    HttpResponse<Buffer> handed = TestCoordinator.await(longPoll);
    assertThat(handed.bodyAsJsonObject().getString("job_id")).isEqualTo(unpinned);

    assertThat(jobs.poll("worker-a").getString("job_id")).isEqualTo(pinnedA);
    jobs.report(pinnedA, "running", "worker-a");
    assertThat(jobs.report(pinnedA, "finished", "worker-a", 2)).as("old attempt").isEqualTo(409);
    assertThat(jobs.report(pinnedA, "finished", "local", null)).as("other worker").isEqualTo(409);
    jobs.report(pinnedA, "finished", "worker-a");

    // The unpinned job runs on "local", then goes stale: failed, and retried.
    jobs.report(unpinned, "running", "local");
    StreamReader follower = tc.stream("/logs/" + unpinned + "?follow=true", false);
    eventually(WAIT, "the log is followed", () -> scrape().value("opeva_log_followers") == 1.0);
    clock.advance(Duration.ofSeconds(301));
    heartbeat("local");
    assertThat(tc.sweep().getJsonArray("decisions")).hasSize(1);
    assertThat(jobs.state(unpinned)).isEqualTo("queued");

    metrics.schedules().run(ScheduleMetrics.Outcome.SUBMITTED);
    metrics.schedules().run(ScheduleMetrics.Outcome.SKIPPED);
    var exported =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "metrics_demo")
                .put("site_id", "demo_site")
                .put(
                    "citylearn_configs",
                    new JsonObject().put("selected_buildings", new JsonArray().add("1"))));
    assertThat(exported.statusCode()).as(exported.bodyAsString()).isEqualTo(200);
    assertThat(tc.get("/no-such-operation").statusCode()).isEqualTo(404);

    Scrape s = scrape();
    // Jobs by status and the queue.
    assertThat(s.value("opeva_jobs", "status", "finished")).isEqualTo(1);
    assertThat(s.value("opeva_jobs", "status", "queued")).isEqualTo(2);
    assertThat(s.value("opeva_jobs", "status", "running")).isZero();
    assertThat(s.value("opeva_queue_depth", "host", "worker-a", "profile", "cpu")).isZero();
    assertThat(s.value("opeva_queue_depth", "host", "deucalion", "profile", "cpu")).isEqualTo(1);
    assertThat(s.value("opeva_queue_depth", "host", "*", "profile", "cpu")).isEqualTo(1);
    assertThat(s.value("opeva_long_polls_waiting")).isZero();
    // Two dispatches, each handed over at once (the clock did not move).
    assertThat(s.value("opeva_dispatch_latency_seconds_count")).isEqualTo(2);
    assertThat(s.value("opeva_dispatch_latency_seconds_bucket", "le", "0.005")).isEqualTo(2);
    // Transitions, recoveries, retries, fencing.
    assertThat(s.value("opeva_job_transitions_total", "from", "new", "to", "queued")).isEqualTo(3);
    assertThat(s.value("opeva_job_transitions_total", "from", "queued", "to", "dispatched"))
        .isEqualTo(2);
    assertThat(s.value("opeva_job_transitions_total", "from", "dispatched", "to", "running"))
        .isEqualTo(2);
    assertThat(s.value("opeva_job_transitions_total", "from", "running", "to", "finished"))
        .isEqualTo(1);
    assertThat(s.value("opeva_job_transitions_total", "from", "running", "to", "queued"))
        .as("failed stale, retried: one written change")
        .isEqualTo(1);
    assertThat(s.value("opeva_recoveries_total", "reason", "stale_status", "action", "requeue"))
        .isEqualTo(1);
    assertThat(s.sum("opeva_recoveries_total")).isEqualTo(1);
    assertThat(s.value("opeva_retries_total", "cause", "stale")).isEqualTo(1);
    assertThat(s.sum("opeva_retries_total")).isEqualTo(1);
    assertThat(s.value("opeva_fenced_reports_total", "reason", "stale_attempt")).isEqualTo(1);
    assertThat(s.value("opeva_fenced_reports_total", "reason", "other_worker")).isEqualTo(1);
    assertThat(s.value("opeva_fenced_reports_total", "reason", "never_held")).isZero();
    // The scheduler's facade, dataset exports, log followers.
    assertThat(s.value("opeva_schedule_runs_total", "outcome", "submitted")).isEqualTo(1);
    assertThat(s.value("opeva_schedule_runs_total", "outcome", "skipped")).isEqualTo(1);
    assertThat(s.value("opeva_schedule_runs_total", "outcome", "failed")).isZero();
    assertThat(s.value("opeva_dataset_exports_total", "outcome", "succeeded")).isEqualTo(1);
    assertThat(s.value("opeva_dataset_exports_total", "outcome", "failed")).isZero();
    assertThat(s.value("opeva_dataset_exports_running")).isZero();
    assertThat(s.value("opeva_dataset_export_duration_seconds_count")).isEqualTo(1);
    assertThat(s.value("opeva_log_followers")).isEqualTo(1);
    // HTTP per operation id, never per path.
    assertThat(
            s.value(
                "opeva_http_server_requests_seconds_count",
                "operation",
                "runSimulation",
                "status",
                "200"))
        .isEqualTo(3);
    assertThat(
            s.value(
                "opeva_http_server_requests_seconds_count",
                "operation",
                "agentJobStatus",
                "status",
                "409"))
        .isEqualTo(2);
    assertThat(
            s.value(
                "opeva_http_server_requests_seconds_count",
                "operation",
                "agentNextJob",
                "status",
                "200"))
        .isEqualTo(2);
    assertThat(
            s.value(
                "opeva_http_server_requests_seconds_count", "operation", "none", "status", "404"))
        .isEqualTo(1);
    assertThat(s.find("opeva_http_server_requests_seconds_count"))
        .allSatisfy(
            sample ->
                assertThat(sample.labels().keySet())
                    .containsExactlyInAnyOrder("operation", "status"));
    assertThat(s.text()).doesNotContain(pinnedA).doesNotContain(unpinned);
    assertThat(s.value("opeva_http_server_connections")).isGreaterThanOrEqualTo(1);
    // Hosts: local and worker-a heard from within the TTL before the clock moved; local since.
    assertThat(s.value("opeva_host_online", "host", "local")).isEqualTo(1);
    assertThat(s.value("opeva_host_online", "host", "worker-a")).isZero();
    assertThat(s.value("opeva_host_last_heartbeat_seconds", "host", "local"))
        .isEqualTo(clock.millis() / 1000.0);
    // Vert.x's worker pools, the JVM and the process.
    assertThat(s.find("vertx_pool_in_use", "pool_name", "job-state")).isNotEmpty();
    assertThat(s.sum("jvm_memory_used_bytes")).isPositive();
    assertThat(s.names()).contains("jvm_threads_live_threads", "process_uptime_seconds");
    assertThat(s.names()).contains("jvm_gc_pause_seconds_count", "process_cpu_usage");

    follower.disconnect();
    eventually(WAIT, "the follower left", () -> scrape().value("opeva_log_followers") == 0.0);
  }
}
