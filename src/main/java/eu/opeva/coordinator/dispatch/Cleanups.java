package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.jobstore.JobStore;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator cleanups. Folders are listed on the I/O pool; what to delete is decided on the dispatch
 * loop against the live registry (so a job submitted meanwhile is never touched), and jobs are
 * deleted through their own ordered writes.
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
  private final JobControls controls;

  Cleanups(Dispatcher dispatcher, SharedLayout layout, OperatorControls ops, JobControls controls) {
    this.d = dispatcher;
    this.layout = layout;
    this.ops = ops;
    this.controls = controls;
  }

  /**
   * Removes orphan queue files: entries of unknown or no-longer-waiting jobs and claims that no
   * live dispatch holds. With {@code force}, every queued job is also taken off the queue
   * (canceled, with the reason recorded) instead of being stranded without its entry. Lock files
   * are never touched.
   */
  Future<JsonObject> cleanQueue(JsonObject body) {
    boolean force = Boolean.TRUE.equals(body.getBoolean(OperatorControls.FORCE));
    return d.store
        .bulk()
        .run(() -> list(layout.queue()))
        .compose(
            names -> {
              TreeSet<String> removedIds = new TreeSet<>();
              List<Path> doomed = new ArrayList<>();
              for (String name : names) {
                int claim = name.indexOf(".json" + SharedLayout.CLAIM_MARK);
                if (claim > 0) {
                  String id = name.substring(0, claim);
                  Job e = d.registry.get(id);
                  String worker =
                      name.substring(claim + (".json" + SharedLayout.CLAIM_MARK).length());
                  if (!d.isBusy(id)
                      && (e == null
                          || e.status() != JobStatus.DISPATCHED
                          || !worker.equals(e.workerId()))) {
                    doomed.add(layout.queue().resolve(name));
                    removedIds.add(id);
                  }
                } else if (name.endsWith(".json") && !name.startsWith(".")) {
                  String id = name.substring(0, name.length() - 5);
                  Job e = d.registry.get(id);
                  if (!d.isBusy(id) && (e == null || !e.status().isQueued())) {
                    doomed.add(layout.queue().resolve(name));
                    removedIds.add(id);
                  }
                }
              }
              List<Future<JsonObject>> canceled = new ArrayList<>();
              if (force) {
                JsonObject why =
                    new JsonObject()
                        .put(OperatorControls.REASON, "queue_cleared")
                        .put(OperatorControls.OPERATOR, body.getString(OperatorControls.OPERATOR));
                for (QueueEntry q : d.queue.ordered(d.now())) {
                  removedIds.add(q.jobId());
                  canceled.add(ops.act("cancel", q.jobId(), why));
                }
              }
              return Future.all(canceled)
                  .compose(
                      v ->
                          d.store
                              .bulk()
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
   * Deletes every ended job that is not kept (examples and {@code keep}; waiting and active jobs,
   * and ended jobs that a waiting job depends on, are always kept), then job folders that no
   * registered job owns and that are not active.
   */
  Future<JsonObject> cleanJobs(JsonObject body) {
    Set<String> keep = new TreeSet<>(EXAMPLE_IDS);
    // "keep": null is allowed and means no list (getJsonArray with a default would give null).
    JsonArray listed = body.getJsonArray("keep");
    if (listed != null) {
      listed.forEach(k -> keep.add(String.valueOf(k)));
    }
    List<String> removed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    TreeSet<String> activeKept = new TreeSet<>();
    for (Job e : d.registry.all()) {
      if (!e.status().isTerminal()) {
        activeKept.add(e.jobId());
        kept.add(e.jobId());
      } else if (keep.contains(e.jobId()) || d.registry.hasWaitingDependents(e.jobId())) {
        kept.add(e.jobId());
      } else {
        removed.add(e.jobId());
      }
    }
    JsonObject errors = new JsonObject();
    List<Future<Void>> deletions = new ArrayList<>();
    for (String id : removed) {
      deletions.add(
          controls
              .deleteEnded(id)
              .otherwise(
                  err -> {
                    errors.put(id, String.valueOf(err.getMessage()));
                    return null;
                  }));
    }
    return Future.all(deletions)
        .compose(v -> d.store.bulk().run(() -> candidateOrphans(keep)))
        .compose(
            candidates -> {
              // Decided here, against the registry as it is now.
              List<String> orphans =
                  candidates.stream()
                      .filter(id -> d.registry.get(id) == null && !d.isBusy(id))
                      .toList();
              return d.store.bulk().run(() -> deleteOrphans(orphans, errors));
            })
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

  /** Job folders that look like jobs and are not active on disk (blocking). */
  private List<String> candidateOrphans(Set<String> keep) throws Exception {
    List<String> out = new ArrayList<>();
    for (String id : list(layout.jobs())) {
      Path dir = layout.jobs().resolve(id);
      if (!SafeNames.isJobId(id)
          || keep.contains(id)
          || !Files.isDirectory(dir)
          || JOB_DIR_MARKERS.stream().noneMatch(m -> Files.exists(dir.resolve(m)))) {
        continue;
      }
      JsonObject status = JsonFiles.readObjectOrNull(dir.resolve("status.json"));
      if (status == null
          || !JobStatus.parse(status.getString(STATUS)).map(JobStatus::isActive).orElse(false)) {
        out.add(id);
      }
    }
    return out;
  }

  private JsonArray deleteOrphans(List<String> ids, JsonObject errors) {
    JsonArray orphans = new JsonArray();
    for (String id : ids) {
      try {
        JobStore.deleteTree(layout.jobs().resolve(id));
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
