package eu.opeva.coordinator.logs;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.logs.LogFiles.LogFile;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code /logs}, {@code /file-logs} (raw bytes, chunked, straight from the file; optional {@code
 * offset}, {@code tail}, {@code follow}) and {@code /logs-chunk} (the JSON view).
 */
public final class LogHandlers implements ApiRoutes {
  static final String NOT_YET = "Logs not available yet. Job is still initializing or running.";
  static final String TEXT = "text/plain; charset=utf-8";

  private final Vertx vertx;
  private final DispatchClient dispatch;
  private final BlockingIo io;
  private final LogFiles files;
  private final LogWatcher watcher;

  public LogHandlers(Settings config, Vertx vertx, DispatchClient dispatch, BlockingIo io) {
    this.vertx = vertx;
    this.dispatch = dispatch;
    this.io = io;
    this.files = new LogFiles(new SharedLayout(config.storage().sharedRoot()));
    this.watcher = new LogWatcher(vertx, config.artifacts().logFollowInterval());
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(GET_LOGS, rc -> stream(rc, true));
    api.bind(GET_FILE_LOGS, rc -> stream(rc, false));
    api.bind(GET_LOGS_CHUNK, this::chunk);
  }

  /** Where a raw stream starts in a log found on disk. */
  private record Start(LogFile log, long offset) {}

  private void stream(RoutingContext rc, boolean gated) {
    String id = Responses.jobId(rc);
    Long offset = number(rc, "offset");
    Long tail = number(rc, "tail");
    boolean follow = Boolean.TRUE.equals(Responses.query(rc, "follow"));
    if (id == null) {
      return;
    } else if (offset != null && tail != null) {
      Responses.error(rc, 400, "Use either offset or tail, not both");
    } else {
      io.run(() -> start(id, offset, tail))
          .onSuccess(
              found -> {
                if (found.isPresent()) {
                  send(rc, id, found.get(), follow, gated);
                } else {
                  noLogYet(rc, id, gated, follow, offset);
                }
              })
          .onFailure(err -> Responses.fail(rc, err));
    }
  }

  private Optional<Start> start(String id, Long offset, Long tail) throws IOException {
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

  private void send(RoutingContext rc, String id, Start start, boolean follow, boolean gated) {
    LogFile log = start.log();
    vertx
        .fileSystem()
        .open(log.path().toString(), LogFollow.READ_ONLY)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Responses.error(
                    rc, 404, gated ? "Logs not available for this job" : "Log file not found");
                return;
              }
              HttpServerResponse response =
                  rc.response()
                      .setChunked(true)
                      .putHeader("content-type", TEXT)
                      .putHeader("X-Log-File", log.name())
                      .putHeader("X-Log-Start-Offset", String.valueOf(start.offset()));
              if (follow) {
                new LogFollow(
                        vertx,
                        watcher,
                        dispatch,
                        () -> io.run(() -> files.resolve(id)),
                        id,
                        response)
                    .send(ar.result(), log, start.offset());
              } else {
                new LogSender(ar.result(), response, start.offset(), log.size(), false, () -> {})
                    .start();
              }
            });
  }

  /**
   * No log file: unknown and finished jobs have none; active ones will (the wait message, or
   * follow).
   */
  private void noLogYet(RoutingContext rc, String id, boolean gated, boolean follow, Long offset) {
    String missing = gated ? "Logs not available for this job" : "Log file not found";
    isLive(id)
        .onSuccess(
            live -> {
              if (!live) {
                Responses.error(rc, 404, missing);
              } else if (offset != null && offset > 0) {
                Responses.error(
                    rc,
                    416,
                    "offset " + offset + " is past the end of the log (there is no log yet)");
              } else if (follow) {
                rc.response()
                    .setChunked(true)
                    .putHeader("content-type", TEXT)
                    .putHeader("X-Log-Start-Offset", "0");
                new LogFollow(
                        vertx,
                        watcher,
                        dispatch,
                        () -> io.run(() -> files.resolve(id)),
                        id,
                        rc.response())
                    .await();
              } else if (gated) {
                rc.response().putHeader("content-type", TEXT).end(NOT_YET + "\n");
              } else {
                Responses.error(rc, 404, missing);
              }
            })
        .onFailure(err -> Responses.fail(rc, err));
  }

  private void chunk(RoutingContext rc) {
    String id = Responses.jobId(rc);
    if (id == null) {
      return;
    }
    Long offset = number(rc, "offset");
    Long lines = number(rc, "tail_lines");
    Long maxBytes = number(rc, "max_bytes");
    int tailLines = lines == null ? 200 : lines.intValue();
    int max = maxBytes == null ? 262_144 : maxBytes.intValue();
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
                        ? LogWindows.tail(ch, size, tailLines, max)
                        : LogWindows.delta(ch, size, offset, max);
                return chunkJson(id, c.text(), c.nextOffset(), c.truncated(), true, null);
              }
            });
    Responses.json(
        rc,
        view.compose(
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
                            })));
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
                    .map(s -> s.isActive() || s.isWaiting())
                    .orElse(false))
        .recover(
            err ->
                BusReplies.toApiFailure(err).status() == 404
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(err));
  }

  private static Long number(RoutingContext rc, String name) {
    Object v = Responses.query(rc, name);
    return v instanceof Number n ? n.longValue() : null;
  }
}
