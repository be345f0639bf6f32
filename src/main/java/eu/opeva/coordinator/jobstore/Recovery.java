package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_SNAPSHOT;
import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.RESOLVED_CONFIG;
import static eu.opeva.coordinator.domain.JobFields.SUBMISSION_SEQ;

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
import java.util.LinkedHashMap;
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

  /**
   * What recovery found: jobs in submission order, the queue in FIFO order, and the keys workers
   * added to the jobs' info files (see {@link JobCodec#workerKeys}; jobs with none left out).
   */
  public record Recovered(
      List<Job> jobs,
      List<QueueEntry> queue,
      Map<String, Map<String, Object>> workerKeys,
      int repairs) {}

  private final SharedLayout layout;
  private final JsonFiles files;
  private final long now;
  private int repairs;
  private final Map<String, Map<String, Object>> workerKeys = new HashMap<>();

  public Recovery(SharedLayout layout, JsonFiles files, long now) {
    this.layout = layout;
    this.files = files;
    this.now = now;
  }

  public Recovered run() throws IOException {
    for (Path dir : List.of(layout.configs(), layout.jobs(), layout.queue(), layout.datasets())) {
      Files.createDirectories(dir);
    }
    // Temp files of writes a crash interrupted, in every folder the coordinator writes (the job
    // folders are cleaned as they are read, the queue folder by its reconciliation).
    repairs +=
        JsonFiles.removeTempFiles(layout.root()) + JsonFiles.removeTempFiles(layout.configs());
    Map<String, JsonObject> snapshot = readSnapshot();
    List<Job> jobs = readJobs(snapshot);
    QueueReconciler queue = new QueueReconciler(layout, files);
    List<QueueEntry> entries = queue.reconcile(jobs);
    repairs += queue.repairs();
    LOG.info("recovered {} jobs, {} queued, {} repairs", jobs.size(), entries.size(), repairs);
    return new Recovered(jobs, entries, workerKeys, repairs);
  }

  /** The snapshot's entries, in its order (older versions kept submission order there). */
  private Map<String, JsonObject> readSnapshot() {
    Map<String, JsonObject> out = new LinkedHashMap<>();
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

  /** The jobs in submission order; those of older versions are numbered and upgraded once. */
  private List<Job> readJobs(Map<String, JsonObject> snapshot) throws IOException {
    List<Job> jobs = new ArrayList<>();
    List<Job> older = new ArrayList<>();
    Map<String, JsonObject> olderInfos = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.jobs())) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (!SafeNames.isJobId(id) || !Files.isDirectory(dir)) {
          continue;
        }
        repairs += JsonFiles.removeTempFiles(dir);
        JsonObject info = JsonFiles.readObjectOrNull(layout.jobInfoFile(id));
        Job job = readJob(id, info, snapshot.get(id));
        if (job == null) {
          continue;
        }
        Map<String, Object> added = JobCodec.workerKeys(info);
        if (!added.isEmpty()) {
          workerKeys.put(id, added);
        }
        if (job.spec().seq() > 0) {
          jobs.add(job);
        } else {
          older.add(job);
          olderInfos.put(id, info);
        }
      }
    }
    long last = jobs.stream().mapToLong(j -> j.spec().seq()).max().orElse(0);
    List<String> snapshotOrder = new ArrayList<>(snapshot.keySet());
    older.sort(
        Comparator.comparingLong((Job j) -> j.spec().submittedAt())
            .thenComparingInt(j -> snapshotOrder.indexOf(j.jobId()))
            .thenComparing(Job::jobId));
    for (Job job : older) {
      Job numbered = job.numbered(++last);
      JsonObject info = olderInfos.get(job.jobId());
      JsonObject upgraded = JobCodec.infoDocument(numbered);
      if (info != null) {
        upgraded = info.copy().mergeIn(upgraded);
      }
      files.writeJson(layout.jobInfoFile(job.jobId()), JobCodec.mirrorInto(upgraded, numbered));
      repairs++;
      jobs.add(numbered);
    }
    jobs.sort(Comparator.comparingLong(j -> j.spec().seq()));
    return jobs;
  }

  /** One job from its folder; null when the folder holds no job (no {@code status.json}). */
  private Job readJob(String id, JsonObject info, JsonObject snapshotEntry) throws IOException {
    JsonObject status = JsonFiles.readObjectOrNull(layout.statusFile(id));
    if (status == null) {
      return null;
    }
    boolean olderInfo = info == null || !info.containsKey(SUBMISSION_SEQ);
    JsonObject fallback = snapshotEntry == null ? new JsonObject() : snapshotEntry.copy();
    if (olderInfo) {
      // Jobs of older versions: which config copies exist is told by the folder itself.
      if (!fallback.containsKey(RESOLVED_CONFIG)) {
        fallback.put(RESOLVED_CONFIG, Files.exists(layout.resolvedConfigFile(id)));
      }
      if (!fallback.containsKey(CONFIG_SNAPSHOT)) {
        fallback.put(CONFIG_SNAPSHOT, Files.exists(layout.configSnapshotFile(id)));
      }
      fallback.remove(SUBMISSION_SEQ);
    }
    Job job = JobCodec.read(info, status.put(JOB_ID, id), fallback);
    if (job != null && job.status() == JobStatus.LAUNCHING) {
      job = job.change(now).enqueue();
      files.writeJson(layout.statusFile(id), JobCodec.statusDocument(job));
      repairs++;
    }
    return job;
  }
}
