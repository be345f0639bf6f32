package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.Lifecycle;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the registry and the queue at start from {@code job_track.json}, every job's {@code
 * status.json} and {@code job_info.json}, and the queue folder (status.json wins), and repairs what
 * a crash can leave: {@code launching} leftovers and queued jobs without a queue file are enqueued,
 * claims of jobs still queued are restored, queue files of finished jobs are removed. Blocking:
 * runs once on the I/O pool before the coordinator serves anything.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private static final List<String> INFO_FIELDS =
      List.of(
          "job_name",
          "config_path",
          "experiment_name",
          "run_name",
          "submitted_by",
          "image_tag",
          "image",
          "deucalion_options");

  record Recovered(
      List<JobEntry> jobs,
      Map<String, JsonObject> statusDocs,
      List<QueueEntry> queue,
      int repairs) {}

  private final SharedLayout layout;
  private final JsonFiles files;
  private final double now;
  private int repairs;

  Recovery(SharedLayout layout, JsonFiles files, double now) {
    this.layout = layout;
    this.files = files;
    this.now = now;
  }

  Recovered run() throws IOException {
    for (Path dir : List.of(layout.configs(), layout.jobs(), layout.queue(), layout.datasets())) {
      Files.createDirectories(dir);
    }
    Map<String, JobEntry> jobs = readJobs();
    Map<String, JsonObject> docs = new HashMap<>();
    for (JobEntry e : jobs.values()) {
      JsonObject doc = JsonFiles.readObjectOrNull(layout.statusFile(e.jobId()));
      docs.put(e.jobId(), doc != null ? doc : StatusDocs.of(e, null));
    }
    List<QueueEntry> queue = reconcileQueue(jobs, docs);
    queue.sort(Comparator.comparingDouble(QueueEntry::enqueuedAt));
    LOG.info("recovered {} jobs, {} queued, {} repairs", jobs.size(), queue.size(), repairs);
    return new Recovered(new ArrayList<>(jobs.values()), docs, queue, repairs);
  }

  private Map<String, JobEntry> readJobs() throws IOException {
    Map<String, JobEntry> jobs = new LinkedHashMap<>();
    JsonObject track = JsonFiles.readObjectOrNull(layout.trackFile());
    if (track != null) {
      track.forEach(
          e -> {
            if (SafeNames.isJobId(e.getKey()) && e.getValue() instanceof JsonObject meta) {
              jobs.put(e.getKey(), new JobEntry(meta.copy().put("job_id", e.getKey())));
            }
          });
    }
    List<JobEntry> fromFiles = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.jobs())) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (!SafeNames.isJobId(id) || !Files.isDirectory(dir)) {
          continue;
        }
        JsonObject status = JsonFiles.readObjectOrNull(layout.statusFile(id));
        JsonObject info = JsonFiles.readObjectOrNull(layout.jobInfoFile(id));
        JobEntry known = jobs.get(id);
        if (known == null && status == null) {
          continue; // not a job of ours (or one that never got past its first write)
        }
        JobEntry entry = known != null ? known : new JobEntry(new JsonObject().put("job_id", id));
        merge(entry, info, status);
        if (!entry.json().containsKey("resolved_config")) {
          entry.json().put("resolved_config", Files.exists(layout.resolvedConfigFile(id)));
        }
        if (!entry.json().containsKey("config_snapshot")) {
          entry.json().put("config_snapshot", Files.exists(layout.configSnapshotFile(id)));
        }
        if (known == null) {
          fromFiles.add(entry);
        }
      }
    }
    fromFiles.sort(
        Comparator.comparingDouble(
            e -> e.time("submitted_at") == null ? 0 : e.time("submitted_at")));
    fromFiles.forEach(e -> jobs.put(e.jobId(), e));
    return jobs;
  }

  private static void merge(JobEntry entry, JsonObject info, JsonObject status) {
    JsonObject m = entry.json();
    if (info != null) {
      for (String key : INFO_FIELDS) {
        if (m.getValue(key) == null && info.getValue(key) != null) {
          m.put(key, info.getValue(key));
        }
      }
    }
    if (status != null) {
      status.forEach(
          e -> {
            if (!e.getKey().equals("attempt")) {
              m.put(e.getKey(), e.getValue());
            }
          });
    }
  }

  private List<QueueEntry> reconcileQueue(Map<String, JobEntry> jobs, Map<String, JsonObject> docs)
      throws IOException {
    Map<String, Path> queueFiles = new HashMap<>();
    Map<String, List<Path>> claims = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.queue())) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.contains(".tmp-")) {
          Files.deleteIfExists(p); // an interrupted atomic write
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
    List<QueueEntry> queue = new ArrayList<>();
    // Registry order first (submission order), so that a stable sort by enqueue time keeps FIFO on
    // ties.
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (JobEntry e : jobs.values()) {
      if (e.status().isWaiting()) {
        ids.add(e.jobId());
      }
    }
    ids.addAll(new java.util.TreeSet<>(queueFiles.keySet()));
    ids.addAll(new java.util.TreeSet<>(claims.keySet()));
    for (String id : ids) {
      JobEntry entry = jobs.get(id);
      Path file = queueFiles.get(id);
      List<Path> jobClaims = claims.getOrDefault(id, List.of());
      JobStatus status = entry == null ? JobStatus.UNKNOWN : entry.status();
      if (status.isWaiting()) {
        queue.add(restoreQueued(entry, file, jobClaims, docs));
      } else if (status == JobStatus.DISPATCHED) {
        // The worker holds it: keep its claim, drop a plain entry left beside it.
        deleteCounted(file);
      } else {
        deleteCounted(file);
        for (Path c : jobClaims) {
          deleteCounted(c);
        }
      }
    }
    return queue;
  }

  private QueueEntry restoreQueued(
      JobEntry entry, Path file, List<Path> jobClaims, Map<String, JsonObject> docs)
      throws IOException {
    String id = entry.jobId();
    Path target = layout.queueFile(id);
    if (file == null && !jobClaims.isEmpty()) {
      Files.move(jobClaims.get(0), target, StandardCopyOption.REPLACE_EXISTING);
      file = target;
      repairs++;
    }
    for (Path c : jobClaims) {
      deleteCounted(c);
    }
    JsonObject stored = file == null ? null : JsonFiles.readObjectOrNull(file);
    if (entry.status() == JobStatus.LAUNCHING) {
      Lifecycle.apply(entry, JobStatus.QUEUED, now);
      JsonObject doc =
          StatusDocs.of(entry, new JsonObject().put("preferred_host", entry.preferredHost()));
      files.writeJson(layout.statusFile(id), doc);
      docs.put(id, doc);
      repairs++;
    }
    String preferred =
        stored != null && stored.containsKey("preferred_host")
            ? stored.getString("preferred_host")
            : entry.preferredHost();
    boolean require =
        stored != null && stored.getBoolean("require_host") != null
            ? stored.getBoolean("require_host")
            : entry.requireHost();
    Double at = stored == null ? null : Lifecycle.epochSeconds(stored.getValue("enqueued_at"));
    if (at == null) {
      at = entry.time("queued_at") != null ? entry.time("queued_at") : now;
    }
    QueueEntry q =
        new QueueEntry(
            id, preferred, require, at, entry.json().getString("submitted_by"), entry.profile(), 0);
    if (stored == null) {
      files.writeJson(target, q.toJson());
      repairs++;
    }
    return q;
  }

  private void deleteCounted(Path p) throws IOException {
    if (p != null && Files.deleteIfExists(p)) {
      repairs++;
    }
  }
}
