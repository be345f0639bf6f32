package eu.opeva.coordinator.jobstore;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the queue folder agree with the jobs' statuses at start: every waiting job has its queue
 * file (a claim left by a crash mid-dispatch is turned back into one), a dispatched job keeps only
 * its claim, and files of jobs that do not wait are removed, as are temporary files of interrupted
 * writes. The folder is listed once; the files of each job are then settled in parallel batches
 * over the I/O pool (each touches only its own job's files).
 */
final class QueueReconciler {
  private final SharedLayout layout;
  private final JsonFiles files;
  private final BlockingIo io;
  private final int batch;
  private final AtomicInteger repairs = new AtomicInteger();

  /** One job's files in the queue folder, with its job (null when there is none). */
  private record JobFiles(String id, Job job, Path file, List<Path> claims) {}

  QueueReconciler(SharedLayout layout, JsonFiles files, BlockingIo io, int batch) {
    this.layout = layout;
    this.files = files;
    this.io = io;
    this.batch = batch;
  }

  int repairs() {
    return repairs.get();
  }

  /** The queue in FIFO order (by time of entry; jobs order ties). */
  Future<List<QueueEntry>> reconcile(List<Job> jobs) {
    return io.run(() -> list(jobs))
        .compose(each -> io.runEach(each, batch, this::settle))
        .compose(
            settled ->
                io.run(
                    () -> {
                      List<QueueEntry> queue = new ArrayList<>();
                      for (QueueEntry e : settled) {
                        if (e != null) {
                          queue.add(e);
                        }
                      }
                      queue.sort(
                          Comparator.comparingLong(QueueEntry::enqueuedAt)
                              .thenComparingLong(QueueEntry::seq));
                      return queue;
                    }));
  }

  /** Queued jobs (in jobs order), then the other names with files, sorted. Blocking. */
  private List<JobFiles> list(List<Job> jobs) throws IOException {
    Map<String, Path> queueFiles = new HashMap<>();
    Map<String, List<Path>> claims = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.queue())) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (JsonFiles.isTempFile(name)) {
          deleteCounted(p); // an interrupted atomic write
          continue;
        }
        int claim = name.indexOf(".json" + SharedLayout.CLAIM_MARK);
        if (claim > 0) {
          claims.computeIfAbsent(name.substring(0, claim), k -> new ArrayList<>()).add(p);
        } else if (name.endsWith(".json")) {
          queueFiles.put(name.substring(0, name.length() - 5), p);
        }
      }
    }
    Map<String, Job> byId = new HashMap<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Job j : jobs) {
      byId.put(j.jobId(), j);
      if (j.status().isQueued()) {
        ids.add(j.jobId());
      }
    }
    // Then the names of files without a queued job, in name order (usually none: no sorting).
    ids.addAll(sortedOthers(queueFiles.keySet(), ids));
    ids.addAll(sortedOthers(claims.keySet(), ids));
    List<JobFiles> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(
          new JobFiles(id, byId.get(id), queueFiles.get(id), claims.getOrDefault(id, List.of())));
    }
    return out;
  }

  private static TreeSet<String> sortedOthers(Set<String> names, Set<String> known) {
    TreeSet<String> out = new TreeSet<>();
    for (String name : names) {
      if (!known.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** One job's queue files made to agree with its status; its entry when it waits. Blocking. */
  private QueueEntry settle(JobFiles f) throws IOException {
    JobStatus status = f.job() == null ? JobStatus.UNKNOWN : f.job().status();
    if (status.isQueued()) {
      return restore(f.job(), f.file(), f.claims());
    }
    deleteCounted(f.file());
    if (status != JobStatus.DISPATCHED) {
      for (Path c : f.claims()) {
        deleteCounted(c);
      }
    } // a dispatched job: the worker holds it, its claim stays
    return null;
  }

  private QueueEntry restore(Job job, Path file, List<Path> jobClaims) throws IOException {
    Path target = layout.queueFile(job.jobId());
    if (file == null && !jobClaims.isEmpty()) {
      Files.move(jobClaims.get(0), target, StandardCopyOption.REPLACE_EXISTING);
      file = target;
      repairs.incrementAndGet();
    }
    for (Path c : jobClaims) {
      deleteCounted(c);
    }
    QueueEntry entry = QueueEntry.of(job);
    JsonObject stored = file == null ? null : JsonFiles.readObjectOrNull(file);
    Long at = JobCodec.enqueuedAt(stored);
    if (stored == null) {
      files.writeJson(target, JobCodec.queueFile(entry));
      repairs.incrementAndGet();
    }
    return at == null ? entry : entry.enteredAt(at);
  }

  private void deleteCounted(Path p) throws IOException {
    if (p != null && Files.deleteIfExists(p)) {
      repairs.incrementAndGet();
    }
  }
}
