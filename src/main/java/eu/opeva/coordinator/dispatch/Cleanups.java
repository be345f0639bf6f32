package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.JobEntry;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator cleanups. Listing and deleting run on the I/O pool; what to delete is decided on the
 * dispatch loop against the registry, so a live job's files are never touched.
 */
final class Cleanups {
  static final Set<String> EXAMPLE_IDS =
      Set.of("sample_job", "running_job", "failed_job", "queued_job");
  static final List<String> JOB_DIR_MARKERS =
      List.of(
          "status.json",
          "job_info.json",
          "logs",
          "progress",
          "results",
          "bundle",
          "checkpoints",
          "config.resolved.yaml");

  private final Dispatcher d;
  private final SharedLayout layout;
  private final OperatorControls ops;

  Cleanups(Dispatcher dispatcher, SharedLayout layout, OperatorControls ops) {
    this.d = dispatcher;
    this.layout = layout;
    this.ops = ops;
  }

  /**
   * Removes orphan queue files: entries of unknown or no-longer-waiting jobs and claims that no
   * live dispatch holds. With {@code force}, every queued job is also taken off the queue
   * (canceled, with the reason recorded) instead of being stranded without its entry. Lock files
   * are never touched.
   */
  Future<JsonObject> cleanQueue(JsonObject body) {
    boolean force = body.getBoolean("force", false);
    return d.store
        .io()
        .run(() -> list(layout.queue()))
        .compose(
            names -> {
              TreeSet<String> removedIds = new TreeSet<>();
              List<Path> doomed = new ArrayList<>();
              for (String name : names) {
                int claim = name.indexOf(".json" + SharedLayout.CLAIM_MARK);
                if (claim > 0) {
                  JobEntry e = d.registry.get(name.substring(0, claim));
                  String worker =
                      name.substring(claim + (".json" + SharedLayout.CLAIM_MARK).length());
                  if (e == null
                      || e.status() != JobStatus.DISPATCHED
                      || !worker.equals(e.workerId())) {
                    doomed.add(layout.queue().resolve(name));
                    removedIds.add(name.substring(0, claim));
                  }
                } else if (name.endsWith(".json") && !name.startsWith(".")) {
                  String id = name.substring(0, name.length() - 5);
                  JobEntry e = d.registry.get(id);
                  if (e == null || !e.status().isWaiting()) {
                    doomed.add(layout.queue().resolve(name));
                    removedIds.add(id);
                  }
                }
              }
              List<Future<JsonObject>> canceled = new ArrayList<>();
              if (force) {
                for (QueueEntry q : d.queue.ordered()) {
                  removedIds.add(q.jobId());
                  canceled.add(
                      ops.cancel(
                          q.jobId(),
                          new JsonObject()
                              .put("reason", "queue_cleared")
                              .put("operator", body.getString("operator"))));
                }
              }
              return Future.all(canceled)
                  .compose(
                      v ->
                          d.store
                              .io()
                              .run(
                                  () -> {
                                    for (Path p : doomed) {
                                      Files.deleteIfExists(p);
                                    }
                                    return new JsonObject()
                                        .put("removed", new JsonArray(new ArrayList<>(removedIds)))
                                        .put("count", removedIds.size());
                                  }));
            });
  }

  /**
   * Deletes every tracked job that is not kept (examples, {@code keep}, active and queued jobs are
   * kept), and untracked job folders that are not active.
   */
  Future<JsonObject> cleanJobs(JsonObject body) {
    Set<String> keep = new TreeSet<>(EXAMPLE_IDS);
    JsonArray requested = body.getJsonArray("keep", new JsonArray());
    requested.forEach(k -> keep.add(String.valueOf(k)));
    List<String> removed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    TreeSet<String> activeKept = new TreeSet<>();
    Map<String, String> workers = new LinkedHashMap<>();
    for (JobEntry e : new ArrayList<>(d.registry.all())) {
      JobStatus s = e.status();
      if (s.isActive() || s.isWaiting()) {
        activeKept.add(e.jobId());
        kept.add(e.jobId());
      } else if (keep.contains(e.jobId())) {
        kept.add(e.jobId());
      } else {
        removed.add(e.jobId());
        workers.put(e.jobId(), e.workerId());
        d.registry.remove(e.jobId());
        d.queue.remove(e.jobId());
      }
    }
    Set<String> tracked = new TreeSet<>();
    d.registry.all().forEach(e -> tracked.add(e.jobId()));
    List<Future<String>> deletions = new ArrayList<>();
    JsonObject errors = new JsonObject();
    for (String id : removed) {
      deletions.add(
          d.store
              .deleteJob(id, workers.get(id))
              .map(id)
              .otherwise(
                  err -> {
                    errors.put(id, String.valueOf(err.getMessage()));
                    return null;
                  }));
    }
    return Future.all(deletions)
        .compose(v -> d.store.io().run(() -> removeOrphans(tracked, keep, errors)))
        .map(
            orphans ->
                new JsonObject()
                    .put("removed", new JsonArray(removed))
                    .put(
                        "removed_dirs",
                        new JsonArray(
                            removed.stream().filter(id -> !errors.containsKey(id)).toList()))
                    .put("orphan_removed", orphans)
                    .put("filesystem_errors", errors)
                    .put("kept", new JsonArray(kept))
                    .put("active_kept", new JsonArray(new ArrayList<>(activeKept)))
                    .put("count", removed.size()));
  }

  private JsonArray removeOrphans(Set<String> tracked, Set<String> keep, JsonObject errors)
      throws Exception {
    JsonArray orphans = new JsonArray();
    for (String id : list(layout.jobs())) {
      Path dir = layout.jobs().resolve(id);
      if (!SafeNames.isJobId(id)
          || tracked.contains(id)
          || keep.contains(id)
          || !Files.isDirectory(dir)
          || JOB_DIR_MARKERS.stream().noneMatch(m -> Files.exists(dir.resolve(m)))) {
        continue;
      }
      JsonObject status = JsonFiles.readObjectOrNull(dir.resolve("status.json"));
      if (status != null
          && JobStatus.parse(status.getString("status")).map(JobStatus::isActive).orElse(false)) {
        continue;
      }
      try {
        JobStore.deleteTree(dir);
        orphans.add(id);
      } catch (Exception e) {
        errors.put(id, String.valueOf(e.getMessage()));
      }
    }
    return orphans;
  }

  private static List<String> list(Path dir) throws Exception {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    return names;
  }
}
