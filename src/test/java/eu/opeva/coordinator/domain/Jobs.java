package eu.opeva.coordinator.domain;

import java.util.List;
import java.util.Map;

/** Jobs for domain tests. */
final class Jobs {
  private Jobs() {}

  static JobSpec spec(String id, long submittedAt) {
    return new JobSpec(
        id,
        "E-R",
        "configs/demo.yaml",
        "E",
        "R",
        "alice",
        "img:latest",
        "latest",
        null,
        new Resources(2.0, 512, 60, null),
        List.of("--seed", "7"),
        false,
        true,
        null,
        submittedAt,
        1,
        Scheduling.DEFAULT,
        null);
  }

  static Job queued(String id, long at) {
    return Job.accepted(spec(id, at), Placement.ANYWHERE);
  }

  static Job running(String id, String worker, long at) {
    Job job = queued(id, at).change(at + 10).dispatchTo(worker);
    return job.change(at + 20).report(WorkerReport.of(JobStatus.RUNNING, worker));
  }

  static WorkerReport report(JobStatus status, String worker, Integer exitCode, String error) {
    return new WorkerReport(
        status, worker, "c1", "name", exitCode, error, Map.of("pid", 42), null, null);
  }
}
