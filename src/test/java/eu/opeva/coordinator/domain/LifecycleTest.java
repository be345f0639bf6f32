package eu.opeva.coordinator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lifecycle counters and timestamps are kept right across attempts")
class LifecycleTest {
  @Test
  @DisplayName(
      "attempt_number rises per dispatch, requeue_count per requeue, and a requeue clears the attempt")
  void countersAcrossRequeues() {
    JobEntry e = new JobEntry(new JsonObject().put("job_id", "j1"));
    Lifecycle.apply(e, JobStatus.LAUNCHING, 100);
    Lifecycle.apply(e, JobStatus.QUEUED, 100);
    assertThat(e.json().getDouble("queued_at")).isEqualTo(100);
    Lifecycle.apply(e, JobStatus.DISPATCHED, 110);
    e.json().put("worker_id", "w").put("exit_code", 3).put("container_id", "c");
    Lifecycle.apply(e, JobStatus.RUNNING, 120);
    Lifecycle.apply(e, JobStatus.FAILED, 130);
    assertThat(e.attempt()).isEqualTo(1);
    assertThat(e.json().getDouble("finished_at")).isEqualTo(130);

    Lifecycle.apply(e, JobStatus.QUEUED, 200);
    assertThat(e.json().getInteger("requeue_count")).isEqualTo(1);
    assertThat(e.json().getDouble("queued_at")).isEqualTo(200);
    assertThat(e.json().containsKey("finished_at")).isFalse();
    assertThat(e.json().containsKey("started_at")).isFalse();
    assertThat(e.json().containsKey("exit_code")).isFalse();
    assertThat(e.json().containsKey("worker_id")).isFalse();
    assertThat(e.json().getDouble("submitted_at")).isEqualTo(100);

    Lifecycle.apply(e, JobStatus.DISPATCHED, 210);
    Lifecycle.apply(e, JobStatus.DISPATCHED, 215);
    assertThat(e.attempt()).as("a repeated dispatched report is not a new attempt").isEqualTo(2);
    Lifecycle.apply(e, JobStatus.QUEUED, 300);
    assertThat(e.json().getInteger("requeue_count")).isEqualTo(2);
  }

  @Test
  @DisplayName("a job that dies before running still ends its queue wait, and durations follow")
  void terminalWithoutRunning() {
    JobEntry e = new JobEntry(new JsonObject().put("job_id", "j2"));
    Lifecycle.apply(e, JobStatus.QUEUED, 10);
    Lifecycle.apply(e, JobStatus.DISPATCHED, 20);
    Lifecycle.apply(e, JobStatus.FAILED, 40);
    JsonObject d = JobDurations.of(e.json(), 1000);
    assertThat(d.getDouble("queue_wait_seconds")).isEqualTo(30.0);
    assertThat(d.getDouble("run_duration_seconds")).isEqualTo(0.0);
    assertThat(d.getDouble("total_duration_seconds")).isEqualTo(30.0);
  }

  @Test
  @DisplayName("worker-reported queued_at and started_at only move those times earlier")
  void detailTimestamps() {
    JobEntry e = new JobEntry(new JsonObject().put("job_id", "j3").put("started_at", 500.0));
    Lifecycle.applyDetailTimestamps(
        e, new JsonObject().put("started_at", "1970-01-01T00:06:40Z").put("queued_at", "300"));
    assertThat(e.time("started_at")).isEqualTo(400.0);
    assertThat(e.time("queued_at")).isEqualTo(300.0);
    Lifecycle.applyDetailTimestamps(e, new JsonObject().put("started_at", 450));
    assertThat(e.time("started_at")).isEqualTo(400.0);
  }
}
