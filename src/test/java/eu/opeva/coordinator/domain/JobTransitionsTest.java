package eu.opeva.coordinator.domain;

import static eu.opeva.coordinator.domain.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Job transitions return the next version, checked against the one table")
class JobTransitionsTest {
  @Test
  @DisplayName(
      "attempt_number rises per dispatch, requeue_count per requeue, and a requeue closes the attempt")
  void countersAcrossRequeues() {
    // GIVEN a job that ran and failed on worker w
    Job job = Jobs.running("j1", "w", 100);
    job = job.change(130).report(Jobs.report(FAILED, "w", 3, null));
    assertThat(job.attemptNumber()).isEqualTo(1);
    assertThat(job.times().finishedAt()).isEqualTo(130);
    assertThat(job.history())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.attempt()).isEqualTo(1);
              assertThat(r.status()).isEqualTo(FAILED);
              assertThat(r.reason()).isEqualTo("exit code 3");
              assertThat(r.exitCode()).isEqualTo(3);
              assertThat(r.dispatchedAt()).isEqualTo(110);
              assertThat(r.startedAt()).isEqualTo(120);
            });

    // WHEN an operator forces it back to the queue
    Job requeued = job.change(200).requeue(null, false, StatusNote.of(Mark.REQUEUED_BY_OPS), "ops");

    // THEN the attempt's fields and times are gone, the counters moved
    assertThat(requeued.status()).isEqualTo(QUEUED);
    assertThat(requeued.requeueCount()).isEqualTo(1);
    assertThat(requeued.times().queuedAt()).isEqualTo(200);
    assertThat(requeued.times().finishedAt()).isNull();
    assertThat(requeued.times().startedAt()).isNull();
    assertThat(requeued.attempt()).isNull();
    assertThat(requeued.history()).as("the ended attempt is not closed twice").hasSize(1);

    Job again = requeued.change(210).dispatchTo("w2");
    Job refreshed = again.change(215).report(WorkerReport.of(DISPATCHED, "w2"));
    assertThat(refreshed.attemptNumber())
        .as("a repeated dispatched report is not an attempt")
        .isEqualTo(2);
    assertThat(refreshed.times().dispatchedAt())
        .as("nor does it move dispatched_at")
        .isEqualTo(210);
    Job lost =
        refreshed
            .change(300)
            .requeue(null, false, StatusNote.of(Mark.WORKER_OFFLINE), "worker_offline");
    assertThat(lost.requeueCount()).isEqualTo(2);
    assertThat(lost.history()).extracting(AttemptRecord::attempt).containsExactly(1, 2);
    assertThat(lost.history().get(1).status()).isEqualTo(QUEUED);
    assertThat(lost.history().get(1).reason()).isEqualTo("worker_offline");
  }

  @Test
  @DisplayName(
      "a terminal state is sticky: the same report again changes nothing, another one is refused")
  void terminalIsSticky() {
    Job finished =
        Jobs.running("j1", "w", 0).change(50).report(Jobs.report(FINISHED, "w", 0, null));
    Job repeated = finished.change(90).report(Jobs.report(FINISHED, "w", 0, null));
    assertThat(repeated).isSameAs(finished);
    for (JobStatus other : EnumSet.of(QUEUED, DISPATCHED, RUNNING, FAILED, STOPPED, CANCELED)) {
      assertThatThrownBy(() -> finished.change(91).report(WorkerReport.of(other, "w")))
          .as(other.wire())
          .isInstanceOfSatisfying(ApiFailure.class, f -> assertThat(f.status()).isEqualTo(409));
    }
  }

  @Test
  @DisplayName("every reported status from every state is applied or refused as the table says")
  void everyReportFromEveryState() {
    Map<JobStatus, Job> jobs =
        Map.of(
            QUEUED, Jobs.queued("q", 0),
            DISPATCHED, Jobs.queued("d", 0).change(1).dispatchTo("w"),
            RUNNING, Jobs.running("r", "w", 0),
            STOP_REQUESTED,
                Jobs.running("s", "w", 0).change(30).requestStop("why", StatusNote.NONE),
            FINISHED, Jobs.running("f", "w", 0).change(30).report(WorkerReport.of(FINISHED, "w")));
    jobs.forEach(
        (from, job) -> {
          for (JobStatus to : JobStatus.REPORTABLE) {
            boolean same = from == to;
            boolean allowed = from.canTransition(to) && !(to == DISPATCHED);
            try {
              Job next = job.change(100).report(WorkerReport.of(to, "w"));
              assertThat(same || allowed).as(from + " -> " + to + " applied").isTrue();
              assertThat(next.status()).isEqualTo(to);
            } catch (ApiFailure f) {
              assertThat(f.status()).isEqualTo(409);
              assertThat(same || allowed).as(from + " -> " + to + " refused").isFalse();
            }
          }
        });
  }

  @Test
  @DisplayName("a job that dies before running still ends its queue wait, and durations follow")
  void terminalWithoutRunning() {
    Job job = Jobs.queued("j2", 10_000).change(20_000).dispatchTo("w");
    job = job.change(40_000).report(WorkerReport.of(FAILED, "w"));
    Durations d = Durations.of(job, 1_000_000);
    assertThat(d.queueWait()).isEqualTo(30_000);
    assertThat(d.run()).isEqualTo(0);
    assertThat(d.total()).isEqualTo(30_000);
  }

  @Test
  @DisplayName("worker-reported queued_at and started_at only move those times earlier")
  void detailTimestamps() {
    Job job = Jobs.running("j3", "w", 500_000);
    assertThat(job.times().startedAt()).isEqualTo(500_020);
    Job moved =
        job.change(600_000)
            .report(
                new WorkerReport(RUNNING, "w", null, null, null, null, null, 300_000L, 400_000L));
    assertThat(moved.times().startedAt()).isEqualTo(400_000);
    assertThat(moved.times().queuedAt()).isEqualTo(300_000);
    Job later =
        moved
            .change(700_000)
            .report(new WorkerReport(RUNNING, "w", null, null, null, null, null, null, 450_000L));
    assertThat(later.times().startedAt()).isEqualTo(400_000);
  }

  @Test
  @DisplayName("every change raises the version; a stop keeps its reason on the attempt")
  void versionsAndStops() {
    Job queued = Jobs.queued("j4", 0);
    Job dispatched = queued.change(1).dispatchTo("w");
    Job stopping =
        dispatched.change(2).requestStop("user asked", StatusNote.of(Mark.STOP_REQUESTED));
    assertThat(queued.version()).isEqualTo(1);
    assertThat(dispatched.version()).isEqualTo(2);
    assertThat(stopping.version()).isEqualTo(3);
    assertThat(stopping.attempt().stopReason()).isEqualTo("user asked");
    assertThat(stopping.times().stopRequestedAt()).isEqualTo(2);
    Job stopped = stopping.change(3).report(WorkerReport.of(STOPPED, "w"));
    assertThat(stopped.status()).isEqualTo(STOPPED);
    assertThat(stopped.attempt().stopReason()).isEqualTo("user asked");
  }
}
