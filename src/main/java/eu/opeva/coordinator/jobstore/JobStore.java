package eu.opeva.coordinator.jobstore;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.domain.QueueEntry;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import eu.opeva.coordinator.storage.StorageFaults;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared-storage writes of job state. Writes for one job run in the order they were asked for,
 * on the job-state pool (tree deletions on the bulk pool, still in the job's order); nothing here
 * scans a folder. {@code status.json} is the commit point of every change: a change whose status
 * write failed changed nothing; the queue files and the fields mirrored into {@code job_info.json}
 * follow it, and where one of those fails after the commit, recovery repairs it at the next start.
 *
 * <p>A write that has not started by its {@link WriteDeadline} (the pool is saturated, the disk
 * hangs) is abandoned before it touches anything, so its requester can be told it was not made.
 */
public class JobStore {
  private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

  private final SharedLayout layout;
  private final JsonFiles files;
  private final JsonFiles snapshotFiles = new JsonFiles(false);
  private final BlockingIo state;
  private final BlockingIo bulk;
  private final StorageFaults faults;

  public JobStore(
      SharedLayout layout,
      JsonFiles files,
      BlockingIo state,
      BlockingIo bulk,
      StorageFaults faults) {
    this.layout = layout;
    this.files = files;
    this.state = state;
    this.bulk = bulk;
    this.faults = faults;
  }

  /** The pool for other blocking work of the dispatch verticle (reading configs, listings). */
  public BlockingIo bulk() {
    return bulk;
  }

  /** A new job's files besides its info and status: config copies, written before them. */
  public record ConfigFiles(
      String snapshotYaml, String resolvedYaml, Path inlineConfig, String inlineYaml) {}

  /**
   * Writes a new job: its folder, configs, info and (when queued) queue entry in parallel
   * (concurrent fsyncs share journal commits), then {@code status.json}, the commit record: a
   * folder without it is not a job. If any write fails, what was written is removed again.
   */
  public Future<Void> create(Job job, ConfigFiles configs, WriteDeadline deadline) {
    String id = job.jobId();
    AtomicBoolean inlineWritten = new AtomicBoolean();
    return state.inOrder(
        id,
        () ->
            state
                .run(
                    () -> {
                      deadline.check();
                      return Files.createDirectories(layout.logsDir(id));
                    })
                .compose(
                    dir -> {
                      List<Future<Void>> writes = new ArrayList<>();
                      writes.add(text(layout.configSnapshotFile(id), configs.snapshotYaml()));
                      writes.add(
                          newConfig(configs.inlineConfig(), configs.inlineYaml(), inlineWritten));
                      writes.add(text(layout.resolvedConfigFile(id), configs.resolvedYaml()));
                      writes.add(json(layout.jobInfoFile(id), JobCodec.createdInfo(job)));
                      if (job.status().isQueued()) {
                        writes.add(
                            json(layout.queueFile(id), JobCodec.queueFile(QueueEntry.of(job))));
                      }
                      // join, not all: the undo below must not run while writes are under way
                      // (it would race them, and leave files of a job that was never created).
                      return Future.join(writes);
                    })
                .compose(all -> json(layout.statusFile(id), JobCodec.statusDocument(job)))
                .recover(
                    err ->
                        state
                            .run(
                                () -> {
                                  undoCreate(
                                      id, inlineWritten.get() ? configs.inlineConfig() : null);
                                  return null;
                                })
                            .transform(
                                ignored ->
                                    Future.failedFuture(failure(err, "The job was not created")))));
  }

  /**
   * Writes a transition: {@code status.json} first (the commit), then the queue files follow the
   * status (an entry while queued, a claim of the worker while dispatched, nothing otherwise) and
   * the runtime fields mirrored into {@code job_info.json} are updated when they changed.
   */
  public Future<Void> write(Job before, Job after, WriteDeadline deadline) {
    String id = after.jobId();
    boolean infoChanged = !JobCodec.mirror(before).equals(JobCodec.mirror(after));
    // The runtime fields mirrored into job_info.json are derived from status.json (and repaired
    // from it at start), so their folder is not synced; the re-run links are its own: durable.
    boolean derived = before.reruns().equals(after.reruns());
    return state
        .<Void>runInOrder(
            id,
            () -> {
              deadline.check();
              faults.beforeWrite(layout.statusFile(id));
              files.writeJson(layout.statusFile(id), JobCodec.statusDocument(after));
              try {
                queueFiles(before, after);
                if (infoChanged) {
                  mirrorInfo(after, !derived);
                }
              } catch (IOException | RuntimeException e) {
                LOG.warn(
                    "job {}: queue or info file not updated after the status was written; the next"
                        + " start repairs it",
                    id,
                    e);
              }
              return null;
            })
        .recover(err -> Future.failedFuture(failure(err, "The change was not made")));
  }

  /** Rewrites the runtime fields of {@code job_info.json} (workers may have added keys to it). */
  public Future<Void> updateInfo(Job job, WriteDeadline deadline) {
    return state
        .<Void>runInOrder(
            job.jobId(),
            () -> {
              deadline.check();
              mirrorInfo(job, true);
              return null;
            })
        .recover(err -> Future.failedFuture(failure(err, "The change was not made")));
  }

  /**
   * Removes the job: {@code status.json} first (from then on the folder is not a job), then its
   * queue files and folder (on the bulk pool, in the job's order).
   */
  public Future<Void> delete(Job job, WriteDeadline deadline) {
    String id = job.jobId();
    return state
        .inOrder(
            id,
            () ->
                bulk.<Void>run(
                    () -> {
                      deadline.check();
                      faults.beforeWrite(layout.statusFile(id));
                      Files.deleteIfExists(layout.statusFile(id));
                      try {
                        Files.deleteIfExists(layout.queueFile(id));
                        if (job.workerId() != null) {
                          Files.deleteIfExists(layout.claimFile(id, job.workerId()));
                        }
                        deleteTree(layout.jobDir(id));
                      } catch (IOException e) {
                        LOG.warn(
                            "job {} deleted, but its folder could not be removed entirely", id, e);
                      }
                      return null;
                    }))
        .recover(err -> Future.failedFuture(failure(err, "The job was not deleted")));
  }

  /**
   * Writes {@code job_track.json} from encoded entries, which {@code entries} gives on the bulk
   * pool just before the write (encoding a large registry must not hold an event loop).
   */
  public Future<Void> writeSnapshot(java.util.concurrent.Callable<List<String>> entries) {
    return bulk.run(
        () -> {
          List<String> encodedEntries = entries.call();
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

  static ApiFailure failure(Throwable err, String what) {
    if (err instanceof ApiFailure f) {
      return f.status() != 503
          ? f
          : ApiFailure.unavailable(what + ": " + f.getMessage() + "; retry later");
    }
    LOG.error("{}: storage write failed", what, err);
    return ApiFailure.unavailable(what + ": the shared storage failed the write; retry later");
  }

  private void queueFiles(Job before, Job after) throws IOException {
    String id = after.jobId();
    boolean wasQueued = before.status().isQueued();
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
    if (after.status().isQueued()) {
      files.writeJson(layout.queueFile(id), JobCodec.queueFile(QueueEntry.of(after)));
    } else if (wasQueued) {
      Files.deleteIfExists(layout.queueFile(id));
    }
    if (wasClaimed && after.status() != JobStatus.DISPATCHED) {
      Files.deleteIfExists(layout.claimFile(id, before.workerId()));
    }
  }

  private void mirrorInfo(Job job, boolean durable) throws IOException {
    Path file = layout.jobInfoFile(job.jobId());
    JsonObject current = JsonFiles.readObjectOrNull(file);
    JsonObject base = current == null ? JobCodec.infoDocument(job) : current;
    JsonObject next = JobCodec.mirrorInto(base, job);
    if (next != current) {
      faults.beforeWrite(file);
      if (durable) {
        files.writeJson(file, next);
      } else {
        files.writeDerivedJson(file, next);
      }
    }
  }

  private void undoCreate(String id, Path inlineConfig) {
    try {
      removeCreated(layout, id, inlineConfig);
    } catch (IOException e) {
      LOG.warn("job {} was not created, and its partial files could not all be removed", id, e);
    }
  }

  /**
   * Removes what creating a job wrote ({@code status.json} first, so a crash half-way leaves no
   * job): its folder, queue entry and inline config file (when given). Blocking.
   */
  static void removeCreated(SharedLayout layout, String id, Path inlineConfig) throws IOException {
    Files.deleteIfExists(layout.statusFile(id));
    deleteTree(layout.jobDir(id));
    Files.deleteIfExists(layout.queueFile(id));
    if (inlineConfig != null) {
      Files.deleteIfExists(inlineConfig);
    }
  }

  private Future<Void> text(Path file, String text) {
    if (file == null || text == null) {
      return Future.succeededFuture();
    }
    return state.run(
        () -> {
          faults.beforeWrite(file);
          files.writeText(file, text);
          return null;
        });
  }

  /** An experiment config saved with the job ({@code save_as}): never replaces an existing one. */
  private Future<Void> newConfig(Path file, String text, AtomicBoolean written) {
    if (file == null || text == null) {
      return Future.succeededFuture();
    }
    return state.run(
        () -> {
          faults.beforeWrite(file);
          try {
            files.writeNew(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          } catch (java.nio.file.FileAlreadyExistsException e) {
            throw ApiFailure.conflict(
                "Config "
                    + file.getFileName()
                    + " already exists; choose another"
                    + " save_as name, or submit it with config_path");
          }
          written.set(true);
          return null;
        });
  }

  private Future<Void> json(Path file, JsonObject json) {
    return state.run(
        () -> {
          faults.beforeWrite(file);
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
