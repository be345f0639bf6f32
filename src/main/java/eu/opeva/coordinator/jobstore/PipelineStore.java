package eu.opeva.coordinator.jobstore;

import eu.opeva.coordinator.domain.Pipeline;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import eu.opeva.coordinator.storage.StorageFaults;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelines on shared storage: {@code pipelines/<id>.json}, written whole and atomically on the
 * job-state pool, in each pipeline's order. A pipeline's file is the commit point of a change to
 * it: the jobs of a creation or re-run are written first while the file names them as pending, and
 * they exist only once the file is written without them; at start, every pending change is undone
 * (its jobs' files removed) before the jobs are read.
 */
public final class PipelineStore {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineStore.class);

  private final SharedLayout layout;
  private final JsonFiles files;
  private final BlockingIo state;
  private final StorageFaults faults;

  public PipelineStore(
      SharedLayout layout, JsonFiles files, BlockingIo state, StorageFaults faults) {
    this.layout = layout;
    this.files = files;
    this.state = state;
    this.faults = faults;
  }

  public Future<Void> write(Pipeline p, WriteDeadline deadline) {
    return state
        .<Void>runInOrder(
            "pipeline:" + p.pipelineId(),
            () -> {
              deadline.check();
              Path file = layout.pipelineFile(p.pipelineId());
              Files.createDirectories(file.getParent());
              faults.beforeWrite(file);
              files.writeJson(file, PipelineJson.toJson(p));
              return null;
            })
        .recover(err -> Future.failedFuture(JobStore.failure(err, "The pipeline was not saved")));
  }

  /**
   * Undoes a pending change that could not be made: its jobs' files are removed, then the file is
   * written without it (or removed, for a creation). Left as it is when this fails too: the next
   * start undoes it.
   */
  public Future<Void> undo(Pipeline p) {
    return state.runInOrder(
        "pipeline:" + p.pipelineId(),
        () -> {
          undoPending(layout, files, p);
          return null;
        });
  }

  /** Blocking, at start: undoes every pending change; the pipelines, oldest first. */
  public static List<Pipeline> recover(SharedLayout layout, JsonFiles files) throws IOException {
    List<Pipeline> out = new ArrayList<>();
    Path dir = layout.pipelines();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    JsonFiles.removeTempFiles(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        JsonObject json = JsonFiles.readObjectOrNull(file);
        if (!SafeNames.isJobId(id) || json == null) {
          LOG.warn("pipeline file {} is unreadable; left as it is", file);
          continue;
        }
        Pipeline p = PipelineJson.fromJson(json);
        if (p.pending() != null) {
          LOG.warn(
              "pipeline {}: a {} was under way at the last stop; undoing it",
              id,
              p.pending().creation() ? "creation" : "re-run");
          undoPending(layout, files, p);
          if (p.pending().creation()) {
            continue;
          }
          p = p.withoutPending();
        }
        out.add(p);
      }
    }
    out.sort(
        java.util.Comparator.comparingLong(Pipeline::createdAt)
            .thenComparing(Pipeline::pipelineId));
    return out;
  }

  private static void undoPending(SharedLayout layout, JsonFiles files, Pipeline p)
      throws IOException {
    if (p.pending() == null) {
      return;
    }
    for (String id : p.pending().jobs().values()) {
      JobStore.removeCreated(layout, id, null);
    }
    for (String name : p.pending().configFiles()) {
      if (SafeNames.isFileName(name)) {
        Files.deleteIfExists(layout.configs().resolve(name));
      }
    }
    Path file = layout.pipelineFile(p.pipelineId());
    if (p.pending().creation()) {
      Files.deleteIfExists(file);
    } else {
      files.writeJson(file, PipelineJson.toJson(p.withoutPending()));
    }
  }
}
