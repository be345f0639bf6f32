package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * All shared-storage writes of the dispatch verticle. Writes for one job run in submission order on
 * the "nfs-io" pool; nothing here scans a folder.
 */
final class JobStore {
  private final SharedLayout layout;
  private final JsonFiles files;

  /** The snapshot is never the truth (recovery rebuilds from per-job files), so it skips fsync. */
  private final JsonFiles snapshotFiles = new JsonFiles(false);

  private final BlockingIo io;

  JobStore(SharedLayout layout, JsonFiles files, BlockingIo io) {
    this.layout = layout;
    this.files = files;
    this.io = io;
  }

  BlockingIo io() {
    return io;
  }

  /**
   * What a new job's files hold. {@code status.json} is the commit record, written last: a folder
   * without it is not a job at start, and a queue file of a job that does not exist is removed
   * then.
   */
  record NewJob(
      String jobId,
      JsonObject jobInfo,
      JsonObject queueEntry,
      JsonObject queuedDoc,
      String configSnapshotYaml,
      String resolvedConfigYaml,
      Path inlineConfig,
      String inlineConfigYaml) {}

  /**
   * Writes a new job's files: everything but the status in parallel (concurrent fsyncs share
   * journal commits), then the status. Two fsync waits instead of one per file.
   */
  Future<Void> create(NewJob job) {
    String id = job.jobId();
    return io.inOrder(
        id,
        () ->
            io.run(() -> Files.createDirectories(layout.logsDir(id)))
                .compose(
                    dir -> {
                      List<Future<Void>> files = new java.util.ArrayList<>();
                      files.add(write(layout.configSnapshotFile(id), job.configSnapshotYaml()));
                      files.add(write(job.inlineConfig(), job.inlineConfigYaml()));
                      files.add(write(layout.resolvedConfigFile(id), job.resolvedConfigYaml()));
                      files.add(write(layout.jobInfoFile(id), job.jobInfo().encodePrettily()));
                      files.add(write(layout.queueFile(id), job.queueEntry().encodePrettily()));
                      return Future.all(files);
                    })
                .compose(all -> write(layout.statusFile(id), job.queuedDoc().encodePrettily())));
  }

  private Future<Void> write(Path file, String text) {
    if (file == null || text == null) {
      return Future.succeededFuture();
    }
    return io.run(
        () -> {
          files.writeText(file, text);
          return null;
        });
  }

  Future<Void> writeStatus(String jobId, JsonObject doc) {
    return io.runInOrder(
        jobId,
        () -> {
          files.writeJson(layout.statusFile(jobId), doc);
          return null;
        });
  }

  /** Read-modify-write of {@code job_info.json} (workers may add keys of their own to it). */
  Future<Void> updateJobInfo(String jobId, UnaryOperator<JsonObject> change) {
    return io.runInOrder(
        jobId,
        () -> {
          Path file = layout.jobInfoFile(jobId);
          JsonObject current = JsonFiles.readObjectOrNull(file);
          JsonObject next =
              change.apply(
                  current == null ? new JsonObject().put("job_id", jobId) : current.copy());
          if (!next.equals(current)) {
            files.writeJson(file, next);
          }
          return null;
        });
  }

  /** Dispatch: the queue entry becomes a claim of the worker, then the status is written. */
  Future<Void> dispatch(String jobId, String worker, JsonObject doc) {
    return io.runInOrder(
        jobId,
        () -> {
          Path queued = layout.queueFile(jobId);
          try {
            Files.move(queued, layout.claimFile(jobId, worker), StandardCopyOption.ATOMIC_MOVE);
          } catch (NoSuchFileException e) {
            // Already gone (operator cleanup); status.json stays the truth.
          }
          files.writeJson(layout.statusFile(jobId), doc);
          return null;
        });
  }

  /** Writes the queue entry (back of the FIFO) and drops the claim of the previous attempt. */
  Future<Void> enqueue(String jobId, JsonObject queueEntry, String previousWorker, JsonObject doc) {
    return io.runInOrder(
        jobId,
        () -> {
          files.writeJson(layout.queueFile(jobId), queueEntry);
          if (previousWorker != null) {
            Files.deleteIfExists(layout.claimFile(jobId, previousWorker));
          }
          files.writeJson(layout.statusFile(jobId), doc);
          return null;
        });
  }

  /** Removes the queue entry and the claim of {@code worker}, then writes the status. */
  Future<Void> dequeue(String jobId, String worker, JsonObject doc) {
    return io.runInOrder(
        jobId,
        () -> {
          Files.deleteIfExists(layout.queueFile(jobId));
          if (worker != null) {
            Files.deleteIfExists(layout.claimFile(jobId, worker));
          }
          if (doc != null) {
            files.writeJson(layout.statusFile(jobId), doc);
          }
          return null;
        });
  }

  Future<Void> deleteJob(String jobId, String worker) {
    return io.runInOrder(
        jobId,
        () -> {
          Files.deleteIfExists(layout.queueFile(jobId));
          if (worker != null) {
            Files.deleteIfExists(layout.claimFile(jobId, worker));
          }
          deleteTree(layout.jobDir(jobId));
          return null;
        });
  }

  /**
   * Writes {@code job_track.json} from pre-encoded entries (encoded on the event loop, joined
   * here).
   */
  Future<Void> writeSnapshot(List<String> encodedEntries) {
    return io.runInOrder(
        "job_track.json",
        () -> {
          StringBuilder out = new StringBuilder(encodedEntries.size() * 512 + 2).append('{');
          for (int i = 0; i < encodedEntries.size(); i++) {
            if (i > 0) {
              out.append(",\n");
            }
            out.append(encodedEntries.get(i));
          }
          snapshotFiles.writeText(layout.trackFile(), out.append("}\n").toString());
          return null;
        });
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
