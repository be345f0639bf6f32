package eu.opeva.coordinator.logs;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.logs.LogFiles.LogFile;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A job's log as the HTTP views need it: where a raw stream starts, what to answer while there is
 * no log file, and the JSON window. File work runs on the I/O pool; whether a log may still come is
 * asked of dispatch.
 */
final class JobLogs {
  static final String NOT_YET = "Logs not available yet. Job is still initializing or running.";

  private final DispatchClient dispatch;
  private final BlockingIo io;
  private final LogFiles files;

  JobLogs(DispatchClient dispatch, BlockingIo io, LogFiles files) {
    this.dispatch = dispatch;
    this.io = io;
    this.files = files;
  }

  /** Where a raw stream starts in a log found on disk. */
  record Start(LogFile log, long offset) {}

  /** What a raw stream does while the job has no log file yet. */
  enum Waiting {
    /** Follow: wait for the log to appear. */
    FOLLOW,
    /** Answer {@link #NOT_YET}. */
    MESSAGE
  }

  /** The 404 detail when there is no log to send. */
  static String missing(boolean gated) {
    return gated ? "Logs not available for this job" : "Log file not found";
  }

  /** The job's log file as found now. */
  Future<Optional<LogFile>> resolve(String id) {
    return io.run(() -> files.resolve(id));
  }

  /**
   * Where a raw stream starts: at {@code offset} (a 416 past the end), at the last {@code tail}
   * lines, else at the beginning; empty while there is no log file. Both given is a 400.
   */
  Future<Optional<Start>> start(String id, Long offset, Long tail) {
    if (offset != null && tail != null) {
      return Future.failedFuture(ApiFailure.badRequest("Use either offset or tail, not both"));
    }
    return io.run(() -> findStart(id, offset, tail));
  }

  private Optional<Start> findStart(String id, Long offset, Long tail) throws IOException {
    Optional<LogFile> found = files.resolve(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    LogFile log = found.get();
    if (offset != null && offset > log.size()) {
      throw new ApiFailure(
          416, "offset " + offset + " is past the end of the log (" + log.size() + " bytes)");
    }
    if (tail == null) {
      return Optional.of(new Start(log, offset == null ? 0 : offset));
    }
    try (FileChannel ch = FileChannel.open(log.path(), StandardOpenOption.READ)) {
      return Optional.of(
          new Start(log, LogWindows.tailStart(ch, log.size(), (int) (long) tail, 0)));
    }
  }

  /**
   * No log file: unknown and finished jobs have none (a 404); active ones will, so a stream follows
   * or (gated) answers the wait message. An offset past the start of a missing log is a 416.
   */
  Future<Waiting> whileMissing(String id, boolean gated, boolean follow, Long offset) {
    return isLive(id)
        .map(
            live -> {
              if (!live) {
                throw ApiFailure.notFound(missing(gated));
              } else if (offset != null && offset > 0) {
                throw new ApiFailure(
                    416, "offset " + offset + " is past the end of the log (there is no log yet)");
              } else if (follow) {
                return Waiting.FOLLOW;
              } else if (gated) {
                return Waiting.MESSAGE;
              }
              throw ApiFailure.notFound(missing(gated));
            });
  }

  /**
   * {@code /logs-chunk}: the last {@code tailLines} lines, or up to {@code maxBytes} from {@code
   * offset}; for a live job without a log, an empty window with the wait message.
   */
  Future<JsonObject> chunk(String id, Long offset, int tailLines, int maxBytes) {
    Future<JsonObject> view =
        io.run(
            () -> {
              Optional<LogFile> log = files.resolve(id);
              if (log.isEmpty()) {
                return null;
              }
              try (FileChannel ch = FileChannel.open(log.get().path(), StandardOpenOption.READ)) {
                long size = ch.size();
                var c =
                    offset == null
                        ? LogWindows.tail(ch, size, tailLines, maxBytes)
                        : LogWindows.delta(ch, size, offset, maxBytes);
                return chunkJson(id, c.text(), c.nextOffset(), c.truncated(), true, null);
              }
            });
    return view.compose(
        found ->
            found != null
                ? Future.succeededFuture(found)
                : isLive(id)
                    .map(
                        live -> {
                          if (!live) {
                            throw ApiFailure.notFound("Logs not available for this job");
                          }
                          return chunkJson(
                              id, "", offset == null ? 0 : offset, false, false, NOT_YET);
                        }));
  }

  private static JsonObject chunkJson(
      String id, String text, long next, boolean truncated, boolean available, String message) {
    return new JsonObject()
        .put(JobFields.JOB_ID, id)
        .put("text", text)
        .put("next_offset", next)
        .put("truncated", truncated)
        .put("available", available)
        .put("message", message);
  }

  /** Whether the job is registered and not yet over (so a log may still come). */
  private Future<Boolean> isLive(String id) {
    return dispatch
        .status(id)
        .map(
            doc ->
                JobStatus.parse(doc.getString(JobFields.STATUS))
                    .map(s -> s.isActive() || s.isQueued())
                    .orElse(false))
        .recover(
            err ->
                BusReplies.toApiFailure(err).status() == 404
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(err));
  }
}
