package eu.opeva.coordinator.scheduler;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules on shared storage: {@code schedules/<id>.json}, each written whole and atomically
 * (fsynced when storage fsync is on) on the scheduler's pool, in each schedule's order. A failed
 * write is a 503: the change it carried did not happen.
 */
final class ScheduleStore {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleStore.class);

  private final Path dir;
  private final JsonFiles files;
  private final BlockingIo io;

  ScheduleStore(Path sharedRoot, JsonFiles files, BlockingIo io) {
    this.dir = folder(sharedRoot);
    this.files = files;
    this.io = io;
  }

  static Path folder(Path sharedRoot) {
    return sharedRoot.resolve("schedules");
  }

  private Path file(String id) {
    return dir.resolve(SafeNames.requireJobId(id) + ".json");
  }

  Future<Void> write(Schedule s) {
    JsonObject json = ScheduleJson.toFile(s);
    return io.<Void>runInOrder(
            s.id(),
            () -> {
              files.writeJson(file(s.id()), json);
              return null;
            })
        .recover(err -> Future.failedFuture(failure(err, "The schedule was not saved")));
  }

  Future<Void> delete(String id) {
    return io.<Void>runInOrder(
            id,
            () -> {
              Path f = file(id);
              Files.deleteIfExists(f);
              JsonFiles.syncFolder(f.getParent());
              return null;
            })
        .recover(err -> Future.failedFuture(failure(err, "The schedule was not deleted")));
  }

  private static ApiFailure failure(Throwable err, String what) {
    if (err instanceof ApiFailure f) {
      return f;
    }
    LOG.error("{}: {}", what, err.toString());
    return ApiFailure.unavailable(what + " (storage error); nothing changed, retry later");
  }

  /** Blocking, at start: every readable schedule, oldest first; interrupted temp files removed. */
  List<Schedule> recover() throws IOException {
    List<Schedule> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    JsonFiles.removeTempFiles(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : entries) {
        String name = f.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        JsonObject json = JsonFiles.readObjectOrNull(f);
        Schedule s = null;
        try {
          s = json == null || !SafeNames.isJobId(id) ? null : ScheduleJson.fromFile(json);
        } catch (RuntimeException e) {
          LOG.warn("schedule file {} cannot be read: {}", f, e.toString());
        }
        if (s == null || !id.equals(s.id())) {
          LOG.warn("schedule file {} is unreadable; left as it is", f);
          continue;
        }
        out.add(s);
      }
    }
    out.sort(Comparator.comparingLong(Schedule::createdAt).thenComparing(Schedule::id));
    return out;
  }
}
