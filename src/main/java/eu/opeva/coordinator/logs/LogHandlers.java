package eu.opeva.coordinator.logs;

import static eu.opeva.coordinator.http.ApiOperation.*;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.logs.JobLogs.Start;
import eu.opeva.coordinator.logs.LogFiles.LogFile;
import eu.opeva.coordinator.metrics.LogMetrics;
import eu.opeva.coordinator.monitor.MonitorClient;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code /logs}, {@code /file-logs} (raw bytes, chunked, straight from the file; optional {@code
 * offset}, {@code tail}, {@code follow}) and {@code /logs-chunk} (the JSON view).
 */
public final class LogHandlers implements ApiRoutes {
  static final String TEXT = "text/plain; charset=utf-8";

  private final Vertx vertx;
  private final DispatchClient dispatch;
  private final JobLogs logs;
  private final LogWatcher watcher;
  private final LogReads reads;
  private final WaitingNotice notice;
  private final LogMetrics metrics;

  public LogHandlers(
      Settings config,
      Vertx vertx,
      DispatchClient dispatch,
      MonitorClient monitor,
      BlockingIo io,
      Clock clock,
      LogMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.dispatch = dispatch;
    this.notice = new WaitingNotice(config, dispatch, monitor, clock);
    this.logs =
        new JobLogs(dispatch, io, new LogFiles(new SharedLayout(config.storage().sharedRoot())));
    this.watcher = new LogWatcher(vertx, config.artifacts().logFollowInterval());
    this.reads = new LogReads(io);
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(GET_LOGS, rc -> stream(rc, true))
        .bind(GET_FILE_LOGS, rc -> stream(rc, false))
        .bind(GET_LOGS_CHUNK, this::chunk);
  }

  private void stream(RoutingContext rc, boolean gated) {
    String id = Responses.jobId(rc);
    Long offset = number(rc, "offset");
    Long tail = number(rc, "tail");
    boolean follow = Boolean.TRUE.equals(Responses.query(rc, "follow"));
    if (id == null) {
      return;
    }
    logs.start(id, offset, tail)
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

  private void send(RoutingContext rc, String id, Start start, boolean follow, boolean gated) {
    LogFile log = start.log();
    reads
        .open(log.path())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Responses.error(rc, 404, JobLogs.missing(gated));
                return;
              }
              if (rc.response().closed()) {
                ar.result().close();
                return;
              }
              HttpServerResponse response =
                  rc.response()
                      .setChunked(true)
                      .putHeader("content-type", TEXT)
                      .putHeader("X-Log-File", log.name())
                      .putHeader("X-Log-Start-Offset", String.valueOf(start.offset()));
              if (follow) {
                follow(id, response).send(ar.result(), log, start.offset());
              } else {
                new LogSender(ar.result(), response, start.offset(), log.size(), false, () -> {})
                    .start();
              }
            });
  }

  /** No log file yet: follow it until it appears, answer the wait message, or say why not. */
  private void noLogYet(RoutingContext rc, String id, boolean gated, boolean follow, Long offset) {
    logs.whileMissing(id, gated, follow, offset)
        .onSuccess(
            waiting -> {
              if (waiting == JobLogs.Waiting.FOLLOW) {
                // /logs (gated, for people) says first what it waits for; /file-logs stays raw.
                (gated ? notice.line(id) : Future.<String>succeededFuture(null))
                    .onComplete(line -> followMissing(rc, id, line.result()));
              } else {
                rc.response().putHeader("content-type", TEXT).end(JobLogs.NOT_YET + "\n");
              }
            })
        .onFailure(err -> Responses.fail(rc, err));
  }

  private void followMissing(RoutingContext rc, String id, String line) {
    HttpServerResponse response = rc.response();
    if (response.closed() || response.ended()) {
      return;
    }
    response.setChunked(true).putHeader("content-type", TEXT).putHeader("X-Log-Start-Offset", "0");
    if (line != null) {
      response.putHeader(
          WaitingNotice.HEADER,
          String.valueOf(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }
    follow(id, response).await(line);
  }

  private LogFollow follow(String id, HttpServerResponse response) {
    return new LogFollow(
        vertx, watcher, reads, dispatch, () -> logs.resolve(id), id, response, metrics);
  }

  private void chunk(RoutingContext rc) {
    String id = Responses.jobId(rc);
    if (id == null) {
      return;
    }
    Long lines = number(rc, "tail_lines");
    Long maxBytes = number(rc, "max_bytes");
    Responses.json(
        rc,
        logs.chunk(
            id,
            number(rc, "offset"),
            lines == null ? 200 : lines.intValue(),
            maxBytes == null ? 262_144 : maxBytes.intValue()));
  }

  private static Long number(RoutingContext rc, String name) {
    Object v = Responses.query(rc, name);
    return v instanceof Number n ? n.longValue() : null;
  }
}
