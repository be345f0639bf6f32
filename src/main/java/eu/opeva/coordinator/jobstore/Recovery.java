package eu.opeva.coordinator.jobstore;

import static eu.opeva.coordinator.domain.JobFields.JOB_ID;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
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
 * status.json} is a job, read with its {@code job_info.json} ({@link JobFolder}); anything else is
 * not. The folders are read in parallel batches over the I/O pool (the registry keeps submission
 * order whatever order they were read in). The {@code job_track.json} snapshot is read only when
 * files written by older versions need it to be completed (their info files are then brought up to
 * date once). Then the queue folder is reconciled with the statuses (status.json wins): {@code
 * launching} leftovers and queued jobs without a queue file are enqueued, claims of queued jobs
 * restored, and queue files of jobs that are not waiting removed. Runs once before the coordinator
 * serves anything.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** Folders (or jobs' queue files) read by one task of the pool. */
  private static final int BATCH = 500;

  /**
   * What recovery found: jobs in submission order, the queue in FIFO order, and the keys workers
   * added to the jobs' info files (see {@link JobCodec#workerKeys}; jobs with none left out).
   */
  public record Recovered(
      List<Job> jobs,
      List<QueueEntry> queue,
      Map<String, Map<String, Object>> workerKeys,
      int repairs) {}

  /**
   * A folder read in parallel: its job when its files were complete, else the folder (kept only
   * then: a large registry's documents are not held), and how many files were repaired.
   */
  private record Found(
      Job job, JobFolder incomplete, Map<String, Object> workerKeys, int repairs) {}

  private final SharedLayout layout;
  private final JsonFiles files;
  private final BlockingIo io;
  private final long now;
  private int batch = BATCH;
  // Changed only by the steps that run one after the other (the parallel reads count their own).
  private int repairs;
  private final Map<String, Map<String, Object>> workerKeys = new HashMap<>();

  public Recovery(SharedLayout layout, JsonFiles files, BlockingIo io, long now) {
    this.layout = layout;
    this.files = files;
    this.io = io;
    this.now = now;
  }

  /** Reads {@code folders} per task of the pool instead of 500 (small ones: tests). */
  public Recovery inBatchesOf(int folders) {
    this.batch = folders;
    return this;
  }

  public Future<Recovered> run() {
    long started = System.nanoTime();
    QueueReconciler queue = new QueueReconciler(layout, files, io, batch);
    return io.run(this::jobIds)
        .compose(ids -> io.runEach(ids, batch, this::readFolder))
        .compose(found -> io.run(() -> jobs(found)))
        .compose(
            jobs ->
                queue
                    .reconcile(jobs)
                    .map(
                        entries -> {
                          repairs += queue.repairs();
                          LOG.info(
                              "recovered {} jobs, {} queued, {} repairs in {} ms",
                              jobs.size(),
                              entries.size(),
                              repairs,
                              (System.nanoTime() - started) / 1_000_000);
                          return new Recovered(jobs, entries, workerKeys, repairs);
                        }));
  }

  /** The names in the jobs folder that may be jobs, in listing order. Blocking. */
  private List<String> jobIds() throws IOException {
    for (Path dir : List.of(layout.configs(), layout.jobs(), layout.queue(), layout.datasets())) {
      Files.createDirectories(dir);
    }
    // Temp files of writes a crash interrupted, in every folder the coordinator writes (the job
    // folders are cleaned as they are read, the queue folder by its reconciliation).
    repairs +=
        JsonFiles.removeTempFiles(layout.root()) + JsonFiles.removeTempFiles(layout.configs());
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.jobs())) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (SafeNames.isJobId(id)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /** One folder, on a thread of the pool; its job decoded at once when the files are complete. */
  private Found readFolder(String id) throws IOException {
    JobFolder folder = JobFolder.read(layout, id);
    if (folder == null || folder.status() == null) {
      return new Found(null, null, Map.of(), folder == null ? 0 : folder.tempFilesRemoved());
    }
    Map<String, Object> added = JobCodec.workerKeys(folder.info());
    Job job = folder.complete() ? folder.job(null) : null;
    if (job == null || job.spec().seq() <= 0) {
      return new Found(null, folder, added, folder.tempFilesRemoved());
    }
    boolean launching = job.status() == JobStatus.LAUNCHING;
    if (launching) {
      job = requeue(job);
    }
    // The runtime fields mirrored into job_info.json follow status.json; a crash between the two
    // writes (the mirror's folder is not synced) leaves them behind: brought up to date here.
    boolean repaired = JobCodec.mirrorBehind(folder.info(), job);
    if (repaired) {
      files.writeJson(layout.jobInfoFile(id), JobCodec.mirrorInto(folder.info(), job));
    }
    return new Found(
        job, null, added, folder.tempFilesRemoved() + (launching ? 1 : 0) + (repaired ? 1 : 0));
  }

  /**
   * The jobs in submission order; those of older versions are completed from the snapshot, numbered
   * and upgraded once. Blocking.
   */
  private List<Job> jobs(List<Found> found) throws IOException {
    boolean older = found.stream().anyMatch(f -> f.incomplete() != null);
    Map<String, JsonObject> snapshot = older ? readSnapshot() : Map.of();
    List<Job> jobs = new ArrayList<>(found.size());
    List<Job> unnumbered = new ArrayList<>();
    Map<String, JsonObject> olderInfos = new HashMap<>();
    for (Found f : found) {
      repairs += f.repairs();
      if (!f.workerKeys().isEmpty()) {
        workerKeys.put(
            f.incomplete() != null ? f.incomplete().id() : f.job().jobId(), f.workerKeys());
      }
      Job job = f.job();
      if (f.incomplete() != null) {
        job = f.incomplete().job(snapshot.get(f.incomplete().id()));
        if (job != null && job.status() == JobStatus.LAUNCHING) {
          job = requeue(job);
          repairs++;
        }
      }
      if (job == null) {
        continue;
      }
      if (job.spec().seq() > 0) {
        jobs.add(job);
      } else {
        unnumbered.add(job);
        olderInfos.put(job.jobId(), f.incomplete().info());
      }
    }
    long last = jobs.stream().mapToLong(j -> j.spec().seq()).max().orElse(0);
    Map<String, Integer> snapshotOrder = new HashMap<>();
    snapshot.keySet().forEach(id -> snapshotOrder.put(id, snapshotOrder.size()));
    unnumbered.sort(
        Comparator.comparingLong((Job j) -> j.spec().submittedAt())
            .thenComparingInt(j -> snapshotOrder.getOrDefault(j.jobId(), -1))
            .thenComparing(Job::jobId));
    for (Job job : unnumbered) {
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

  /** A job caught in {@code launching} goes back to the queue (its status written so). */
  private Job requeue(Job job) throws IOException {
    Job queued = job.change(now).enqueue();
    files.writeJson(layout.statusFile(job.jobId()), JobCodec.statusDocument(queued));
    return queued;
  }
}
