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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared-storage writes of job state. Writes for one job run in the order they were asked for
 * (on the job-state pool; tree deletions on the bulk pool, still in the job's order); nothing here
 * scans a folder. {@code status.json} is the truth and is written last, so a crash in between
 * leaves files that recovery reconciles with it.
 */
public class JobStore {
  private final SharedLayout layout;
  private final JsonFiles files;

  /** The snapshot is never the truth (recovery rebuilds from per-job files), so it skips fsync. */
  private final JsonFiles snapshotFiles = new JsonFiles(false);

  private final BlockingIo state;
  private final BlockingIo bulk;

  public JobStore(SharedLayout layout, JsonFiles files, BlockingIo state, BlockingIo bulk) {
    this.layout = layout;
    this.files = files;
    this.state = state;
    this.bulk = bulk;
  }

  public SharedLayout layout() {
    return layout;
  }

  /** The pool for other blocking work of the dispatch verticle (reading configs, listings). */
  public BlockingIo bulk() {
    return bulk;
  }

  /** A new job's files besides its info and status: config copies, written before them. */
  public record ConfigFiles(
      String snapshotYaml, String resolvedYaml, Path inlineConfig, String inlineYaml) {}

  /**
   * Writes a new job: its folder, configs, info and queue entry in parallel (concurrent fsyncs
   * share journal commits), then {@code status.json}, the commit record: a folder without it is not
   * a job.
   */
  public Future<Void> create(Job job, ConfigFiles configs) {
    String id = job.jobId();
    return state.inOrder(
        id,
        () ->
            state
                .run(() -> Files.createDirectories(layout.logsDir(id)))
                .compose(
                    dir -> {
                      List<Future<Void>> writes = new ArrayList<>();
                      writes.add(text(layout.configSnapshotFile(id), configs.snapshotYaml()));
                      writes.add(text(configs.inlineConfig(), configs.inlineYaml()));
                      writes.add(text(layout.resolvedConfigFile(id), configs.resolvedYaml()));
                      writes.add(json(layout.jobInfoFile(id), JobCodec.infoDocument(job)));
                      writes.add(
                          json(layout.queueFile(id), JobCodec.queueFile(QueueEntry.of(job))));
                      return Future.all(writes);
                    })
                .compose(all -> json(layout.statusFile(id), JobCodec.statusDocument(job))));
  }

  /**
   * Writes a transition: the queue files follow the status (an entry while queued, a claim of the
   * worker while dispatched, nothing otherwise), the runtime fields mirrored into {@code
   * job_info.json} are updated when they changed, and {@code status.json} is written last.
   */
  public Future<Void> write(Job before, Job after) {
    String id = after.jobId();
    boolean infoChanged = !JobCodec.mirror(before).equals(JobCodec.mirror(after));
    return state.runInOrder(
        id,
        () -> {
          queueFiles(before, after);
          if (infoChanged) {
            mirrorInfo(after);
          }
          files.writeJson(layout.statusFile(id), JobCodec.statusDocument(after));
          return null;
        });
  }

  /** Rewrites the runtime fields of {@code job_info.json} (workers may have added keys to it). */
  public Future<Void> updateInfo(Job job) {
    return state.runInOrder(
        job.jobId(),
        () -> {
          mirrorInfo(job);
          return null;
        });
  }

  /** Removes the job: its queue files, then its folder (on the bulk pool, in the job's order). */
  public Future<Void> delete(Job job) {
    String id = job.jobId();
    return state.inOrder(
        id,
        () ->
            bulk.run(
                () -> {
                  Files.deleteIfExists(layout.queueFile(id));
                  if (job.workerId() != null) {
                    Files.deleteIfExists(layout.claimFile(id, job.workerId()));
                  }
                  // status.json first: a folder whose deletion is cut short is no longer a job.
                  Files.deleteIfExists(layout.statusFile(id));
                  deleteTree(layout.jobDir(id));
                  return null;
                }));
  }

  /** Writes {@code job_track.json} from pre-encoded entries (encoded on the event loop). */
  public Future<Void> writeSnapshot(List<String> encodedEntries) {
    return state.runInOrder(
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

  /** Completes when every write asked for so far has finished. */
  public Future<Void> drain() {
    return state.drain();
  }

  private void queueFiles(Job before, Job after) throws IOException {
    String id = after.jobId();
    boolean wasQueued = before.status().isWaiting();
    boolean wasClaimed = before.status() == JobStatus.DISPATCHED && before.workerId() != null;
    if (after.status() == JobStatus.DISPATCHED && wasQueued) {
      try {
        Files.move(
            layout.queueFile(id),
            layout.claimFile(id, after.workerId()),
            StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        // Already gone (an operator's queue cleanup); status.json stays the truth.
      }
      return;
    }
    if (after.status().isWaiting()) {
      files.writeJson(layout.queueFile(id), JobCodec.queueFile(QueueEntry.of(after)));
    } else if (wasQueued) {
      Files.deleteIfExists(layout.queueFile(id));
    }
    if (wasClaimed && !(after.status() == JobStatus.DISPATCHED)) {
      Files.deleteIfExists(layout.claimFile(id, before.workerId()));
    }
  }

  private void mirrorInfo(Job job) throws IOException {
    Path file = layout.jobInfoFile(job.jobId());
    JsonObject current = JsonFiles.readObjectOrNull(file);
    JsonObject base = current == null ? JobCodec.infoDocument(job) : current;
    JsonObject next = JobCodec.mirrorInto(base, job);
    if (next != current) {
      files.writeJson(file, next);
    }
  }

  private Future<Void> text(Path file, String text) {
    if (file == null || text == null) {
      return Future.succeededFuture();
    }
    return state.run(
        () -> {
          files.writeText(file, text);
          return null;
        });
  }

  private Future<Void> json(Path file, JsonObject json) {
    return state.run(
        () -> {
          files.writeJson(file, json);
          return null;
        });
  }

  public static void deleteTree(Path dir) throws IOException {
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
