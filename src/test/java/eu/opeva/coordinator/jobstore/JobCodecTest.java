package eu.opeva.coordinator.jobstore;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.Dependencies;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobOrigin;
import eu.opeva.coordinator.domain.JobSpec;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Placement;
import eu.opeva.coordinator.domain.Resources;
import eu.opeva.coordinator.domain.RetryPolicy;
import eu.opeva.coordinator.domain.RunIf;
import eu.opeva.coordinator.domain.Scheduling;
import eu.opeva.coordinator.domain.StatusNote;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.domain.StatusNote.OpsAudit;
import eu.opeva.coordinator.domain.WorkerReport;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The job codec: files written and read back give the same job")
public class JobCodecTest {
  static JobSpec spec(String id) {
    return new JobSpec(
        id,
        "Exp-Run",
        "configs/x.yaml",
        "Exp",
        "Run",
        "bob",
        "repo:tag",
        "tag",
        Map.of("partition", "gpu", "modules", List.of("a", "b")),
        new Resources(1.5, 1024, 600, 1),
        List.of("--episodes", "3"),
        true,
        true,
        "old-id",
        1_796_115_626_604L,
        7,
        null,
        null);
  }

  /** A pipeline node with every scheduling field set. */
  static JobSpec scheduled(String id) {
    JobSpec s = spec(id);
    return new JobSpec(
        s.jobId(),
        s.jobName(),
        s.configPath(),
        s.experimentName(),
        s.runName(),
        s.submittedBy(),
        s.image(),
        s.imageTag(),
        s.schedulerOptions(),
        s.resources(),
        s.extraArgs(),
        s.resolvedConfig(),
        s.configSnapshot(),
        s.rerunOf(),
        s.submittedAt(),
        8,
        new Scheduling(
            -7,
            new RetryPolicy(
                4,
                1_500,
                60_000,
                EnumSet.of(RetryPolicy.Cause.EXIT_CODE, RetryPolicy.Cause.STALE),
                List.of(3, 137)),
            List.of("dep-1", "dep-2"),
            RunIf.ALL_DONE,
            "pipe-1",
            "score"),
        new JobOrigin(
            "parent-1",
            "sched-1",
            1_796_115_600_000L,
            new JobOrigin.Idempotency(
                "key-1", "abc123", Map.of("job_id", id, "status", "waiting", "n", 1.5))));
  }

  public static List<Job> jobsInEveryShape() {
    List<Job> out = new ArrayList<>();
    Job queued = Job.accepted(spec("a"), Placement.of("w1"));
    out.add(queued);
    Job dispatched = queued.change(1_796_115_627_000L).dispatchTo("w1");
    out.add(dispatched);
    Job running =
        dispatched
            .change(1_796_115_628_001L)
            .report(
                new WorkerReport(
                    JobStatus.RUNNING,
                    "w1",
                    "cid",
                    "cname",
                    null,
                    null,
                    Map.of("pid", 12, "nested", Map.of("x", 1.5)),
                    null,
                    null));
    out.add(running);
    Job stopping =
        running
            .change(1_796_115_629_002L)
            .requestStop(
                "enough",
                StatusNote.of(Mark.STOP_REQUESTED, Mark.STOPPED_BY_OPS)
                    .byOperator(new OpsAudit("stop", "ops-1", "enough", 1_796_115_629_002L), null));
    out.add(stopping);
    out.add(
        stopping
            .change(1_796_115_630_003L)
            .report(
                new WorkerReport(
                    JobStatus.STOPPED, "w1", null, null, 143, "killed", null, null, null)));
    Job lost =
        running
            .change(1_796_115_640_000L)
            .requeue(
                "w1",
                true,
                StatusNote.of(Mark.WORKER_OFFLINE).requeuedFrom("w1"),
                "worker_offline");
    out.add(lost);
    out.add(
        lost.change(1_796_115_650_000L)
            .end(
                JobStatus.CANCELED,
                "ops_canceled",
                StatusNote.of(Mark.CANCELED_BY_OPS)
                    .byOperator(
                        new OpsAudit("cancel", "unknown", "ops_canceled", 1_796_115_650_000L),
                        true),
                true)
            .withRerun("r1")
            .withRerun("r2"));
    Job waiting = Job.accepted(scheduled("w"), Placement.of(null), true);
    out.add(waiting);
    out.add(
        waiting
            .change(1_796_115_660_000L)
            .end(
                JobStatus.CANCELED,
                Dependencies.DEPENDENCY_FAILED,
                StatusNote.failedDependency("dep-2"),
                false));
    Job failed =
        waiting
            .change(1_796_115_661_000L)
            .enqueue()
            .change(1_796_115_662_000L)
            .dispatchTo("w2")
            .change(1_796_115_663_000L)
            .report(
                new WorkerReport(JobStatus.FAILED, "w2", null, null, 3, null, null, null, null));
    out.add(failed);
    out.add(
        failed
            .change(1_796_115_664_000L)
            .retryAt(1_796_115_674_321L, StatusNote.of(Mark.RETRYING), "exit code 3"));
    return out;
  }

  /** As a file: encoded to text and parsed back. */
  private static JsonObject onDisk(JsonObject json) {
    return new JsonObject(json.encodePrettily());
  }

  @Test
  @DisplayName("info + status round-trip every field, in every state")
  void filesRoundTrip() {
    for (Job job : jobsInEveryShape()) {
      JsonObject info = onDisk(JobCodec.mirrorInto(JobCodec.infoDocument(job), job));
      JsonObject status = onDisk(JobCodec.statusDocument(job));
      assertThat(JobCodec.read(info, status, null)).as(job.status().wire()).isEqualTo(job);
    }
  }

  @Test
  @DisplayName("the job_track.json entry alone round-trips too")
  void trackEntryRoundTrip() {
    for (Job job : jobsInEveryShape()) {
      JsonObject entry = onDisk(JobCodec.trackEntry(job));
      assertThat(JobCodec.read(entry, entry, null)).as(job.status().wire()).isEqualTo(job);
    }
  }

  @Test
  @DisplayName("times are plain decimals with millisecond precision, on disk and on the wire")
  void timesArePlainDecimals() {
    Job job = jobsInEveryShape().get(0);
    String text = JobCodec.statusDocument(job).encode();
    assertThat(text).contains("\"submitted_at\":1796115626.604").doesNotContain("E9");
  }

  @Test
  @DisplayName("fields another version wrote into status.json are kept and written back")
  void unknownFieldsSurvive() {
    Job job = jobsInEveryShape().get(2);
    JsonObject status =
        onDisk(JobCodec.statusDocument(job)).put("from_the_future", new JsonObject().put("a", 1));
    Job read = JobCodec.read(onDisk(JobCodec.infoDocument(job)), status, null);
    assertThat(JobCodec.statusDocument(read).getJsonObject("from_the_future").getInteger("a"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("the runtime fields mirrored into job_info.json keep the keys workers added")
  void mirrorKeepsWorkerKeys() {
    Job running = jobsInEveryShape().get(2);
    JsonObject file = JobCodec.infoDocument(running).put("mlflow_run_id", "abc");
    JsonObject mirrored = JobCodec.mirrorInto(file, running);
    assertThat(mirrored.getString("mlflow_run_id")).isEqualTo("abc");
    assertThat(mirrored.getString("container_id")).isEqualTo("cid");
    assertThat(mirrored.getString("target_host")).isEqualTo("w1");
    assertThat(JobCodec.mirrorInto(mirrored, running)).isSameAs(mirrored);
  }

  @Test
  @DisplayName("a status.json of an older version is completed from the snapshot entry")
  void olderFilesUseTheSnapshot() {
    JsonObject legacyStatus =
        new JsonObject()
            .put("job_id", "old")
            .put("status", "queued")
            .put("status_updated_at", 1700000000.25);
    JsonObject legacyInfo =
        new JsonObject()
            .put("job_id", "old")
            .put("job_name", "E-R")
            .put("config_path", "configs/a.yaml");
    JsonObject track =
        new JsonObject()
            .put("preferred_host", "w2")
            .put("require_host", true)
            .put("submitted_at", 1699999999.5)
            .put("resources", new JsonObject().put("cpus", 2));
    Job job = JobCodec.read(legacyInfo, legacyStatus, track);
    assertThat(job.placement().pinnedHost()).isEqualTo("w2");
    assertThat(job.spec().submittedAt()).isEqualTo(1_699_999_999_500L);
    assertThat(job.spec().resources().cpus()).isEqualTo(2.0);
    assertThat(job.times().statusUpdatedAt()).isEqualTo(1_700_000_000_250L);
  }
}
