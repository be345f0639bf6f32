package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_SNAPSHOT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.RESOLVED_CONFIG;
import static eu.opeva.coordinator.domain.JobFields.SUBMITTED_AT;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the jobs and the queue at start from the job folders: a folder with a {@code
 * status.json} is a job, read with its {@code job_info.json}; anything else is not. The {@code
 * job_track.json} snapshot only completes files written by older versions (their info files are
 * brought up to date once). Then the queue folder is reconciled with the statuses (status.json
 * wins): {@code launching} leftovers and queued jobs without a queue file are enqueued, claims of
 * queued jobs restored, and queue files of jobs that are not waiting removed. Blocking: runs once
 * on the I/O pool before the coordinator serves anything.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** What recovery found: jobs in submission order and the queue in FIFO order. */
  public record Recovered(List<Job> jobs, List<QueueEntry> queue, int repairs) {}

  private final SharedLayout layout;
  private final JsonFiles files;
  private final long now;
  private int repairs;

  public Recovery(SharedLayout layout, JsonFiles files, long now) {
    this.layout = layout;
    this.files = files;
    this.now = now;
  }

  public Recovered run() throws IOException {
    for (Path dir : List.of(layout.configs(), layout.jobs(), layout.queue(), layout.datasets())) {
      Files.createDirectories(dir);
    }
    Map<String, JsonObject> snapshot = readSnapshot();
    List<Job> jobs = readJobs(snapshot);
    QueueReconciler queue = new QueueReconciler(layout, files);
    List<QueueEntry> entries = queue.reconcile(jobs);
    repairs += queue.repairs();
    LOG.info("recovered {} jobs, {} queued, {} repairs", jobs.size(), entries.size(), repairs);
    return new Recovered(jobs, entries, repairs);
  }

  private Map<String, JsonObject> readSnapshot() {
    Map<String, JsonObject> out = new HashMap<>();
    JsonObject track = JsonFiles.readObjectOrNull(layout.trackFile());
    if (track != null) {
      track.forEach(
          e -> {
            if (SafeNames.isJobId(e.getKey()) && e.getValue() instanceof JsonObject entry) {
              out.put(e.getKey(), entry.copy().put(JOB_ID, e.getKey()));
            }
          });
    }
    return out;
  }

  private List<Job> readJobs(Map<String, JsonObject> snapshot) throws IOException {
    List<Job> jobs = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.jobs())) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (!SafeNames.isJobId(id) || !Files.isDirectory(dir)) {
          continue;
        }
        Job job = readJob(id, snapshot.get(id));
        if (job != null) {
          jobs.add(job);
        }
      }
    }
    jobs.sort(
        Comparator.comparingLong((Job j) -> j.spec().submittedAt()).thenComparing(Job::jobId));
    return jobs;
  }

  /** One job from its folder; null when the folder holds no job (no {@code status.json}). */
  private Job readJob(String id, JsonObject snapshotEntry) throws IOException {
    JsonObject status = JsonFiles.readObjectOrNull(layout.statusFile(id));
    if (status == null) {
      return null;
    }
    JsonObject info = JsonFiles.readObjectOrNull(layout.jobInfoFile(id));
    boolean olderInfo = info == null || !info.containsKey(SUBMITTED_AT);
    JsonObject fallback = snapshotEntry == null ? new JsonObject() : snapshotEntry.copy();
    if (olderInfo) {
      // Jobs of older versions: which config copies exist is told by the folder itself.
      if (!fallback.containsKey(RESOLVED_CONFIG)) {
        fallback.put(RESOLVED_CONFIG, Files.exists(layout.resolvedConfigFile(id)));
      }
      if (!fallback.containsKey(CONFIG_SNAPSHOT)) {
        fallback.put(CONFIG_SNAPSHOT, Files.exists(layout.configSnapshotFile(id)));
      }
    }
    Job job = JobCodec.read(info, status.put(JOB_ID, id), fallback);
    if (job == null) {
      return null;
    }
    if (job.status() == JobStatus.LAUNCHING) {
      job = job.change(now).enqueue();
      files.writeJson(layout.statusFile(id), JobCodec.statusDocument(job));
      repairs++;
    }
    if (olderInfo) {
      JsonObject upgraded = JobCodec.infoDocument(job);
      if (info != null) {
        upgraded = info.copy().mergeIn(upgraded);
      }
      files.writeJson(layout.jobInfoFile(id), JobCodec.mirrorInto(upgraded, job));
      repairs++;
    }
    return job;
  }
}
