package eu.opeva.coordinator.jobstore;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
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

/**
 * Makes the queue folder agree with the jobs' statuses at start: every waiting job has its queue
 * file (a claim left by a crash mid-dispatch is turned back into one), a dispatched job keeps only
 * its claim, and files of jobs that do not wait are removed, as are temporary files of interrupted
 * writes. Blocking.
 */
final class QueueReconciler {
  private final SharedLayout layout;
  private final JsonFiles files;
  private int repairs;

  QueueReconciler(SharedLayout layout, JsonFiles files) {
    this.layout = layout;
    this.files = files;
  }

  int repairs() {
    return repairs;
  }

  /** The queue in FIFO order (by time of entry; jobs order ties). */
  List<QueueEntry> reconcile(List<Job> jobs) throws IOException {
    Map<String, Path> queueFiles = new HashMap<>();
    Map<String, List<Path>> claims = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.queue())) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.contains(".tmp-")) {
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
    ids.addAll(new TreeSet<>(queueFiles.keySet()));
    ids.addAll(new TreeSet<>(claims.keySet()));
    List<QueueEntry> queue = new ArrayList<>();
    for (String id : ids) {
      Job job = byId.get(id);
      Path file = queueFiles.get(id);
      List<Path> jobClaims = claims.getOrDefault(id, List.of());
      JobStatus status = job == null ? JobStatus.UNKNOWN : job.status();
      if (status.isQueued()) {
        queue.add(restore(job, file, jobClaims));
      } else if (status == JobStatus.DISPATCHED) {
        deleteCounted(file); // the worker holds it: keep its claim
      } else {
        deleteCounted(file);
        for (Path c : jobClaims) {
          deleteCounted(c);
        }
      }
    }
    queue.sort(Comparator.comparingLong(QueueEntry::enqueuedAt).thenComparingLong(QueueEntry::seq));
    return queue;
  }

  private QueueEntry restore(Job job, Path file, List<Path> jobClaims) throws IOException {
    Path target = layout.queueFile(job.jobId());
    if (file == null && !jobClaims.isEmpty()) {
      Files.move(jobClaims.get(0), target, StandardCopyOption.REPLACE_EXISTING);
      file = target;
      repairs++;
    }
    for (Path c : jobClaims) {
      deleteCounted(c);
    }
    QueueEntry entry = QueueEntry.of(job);
    JsonObject stored = file == null ? null : JsonFiles.readObjectOrNull(file);
    Long at = JobCodec.enqueuedAt(stored);
    if (stored == null) {
      files.writeJson(target, JobCodec.queueFile(entry));
      repairs++;
    }
    return at == null ? entry : entry.enteredAt(at);
  }

  private void deleteCounted(Path p) throws IOException {
    if (p != null && Files.deleteIfExists(p)) {
      repairs++;
    }
  }
}
