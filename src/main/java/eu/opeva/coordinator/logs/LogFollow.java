package eu.opeva.coordinator.logs;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.logs.LogFiles.LogFile;
import eu.opeva.coordinator.metrics.LogMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One {@code follow=true} response: waits for the job's log to appear if there is none yet, sends
 * it as it grows, and ends it once the job is in a terminal state (or the client leaves). The end
 * of the job is watched before its current status is checked, so no transition falls in between.
 */
final class LogFollow {
  private final Vertx vertx;
  private final LogWatcher watcher;
  private final LogReads reads;
  private final DispatchClient dispatch;
  private final Supplier<Future<Optional<LogFile>>> resolve;
  private final String jobId;
  private final HttpServerResponse response;
  private final LogMetrics metrics;
  private final List<Runnable> cancels = new ArrayList<>();
  private Runnable stopTicks = () -> {};
  private LogSender sender;
  private Path file;
  private boolean jobEnded;
  private boolean probing;
  private boolean opening;
  private boolean done;

  LogFollow(
      Vertx vertx,
      LogWatcher watcher,
      LogReads reads,
      DispatchClient dispatch,
      Supplier<Future<Optional<LogFile>>> resolve,
      String jobId,
      HttpServerResponse response,
      LogMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.watcher = watcher;
    this.reads = reads;
    this.dispatch = dispatch;
    this.resolve = resolve;
    this.jobId = jobId;
    this.response = response;
  }

  /** Follows an opened log from {@code start}. */
  void send(LogReads.Open opened, LogFile log, long start) {
    metrics.followStarted();
    response.writeHead();
    // Sending first: the job's status may be known at once (then its end finishes the sender).
    attach(opened, log, start);
    watchJob();
  }

  /**
   * No log yet: the response stays open (headers sent, then {@code notice} when there is one) until
   * a log appears or the job ends.
   */
  void await(String notice) {
    metrics.followStarted();
    response.closeHandler(v -> stop());
    response.writeHead();
    if (notice != null) {
      response.write(notice);
    }
    stopTicks = watcher.everyTick(this::probe);
    watchJob();
  }

  private void watchJob() {
    cancels.add(watcher.watchJob(jobId, this::onJobEnded));
    checkStatus();
  }

  /** Ends the follow if the job is over or gone (a deleted job publishes no terminal state). */
  private void checkStatus() {
    dispatch
        .status(jobId)
        .onComplete(
            ar -> {
              boolean live =
                  ar.succeeded()
                      && JobStatus.parse(ar.result().getString(JobFields.STATUS))
                          .map(s -> s.isActive() || s.isQueued())
                          .orElse(false);
              if (!live) {
                onJobEnded();
              }
            });
  }

  private void onJobEnded() {
    if (jobEnded || done) {
      return;
    }
    jobEnded = true;
    if (sender != null) {
      finishSender();
    } else if (!opening) {
      probe();
    }
  }

  private void probe() {
    if (probing || opening || sender != null || done) {
      return;
    }
    probing = true;
    boolean endedBefore = jobEnded;
    resolve
        .get()
        .onComplete(
            ar -> {
              probing = false;
              if (done) {
                return;
              }
              if (ar.succeeded() && ar.result().isPresent()) {
                open(ar.result().get());
              } else if (jobEnded && endedBefore) {
                end();
              } else if (jobEnded) {
                probe(); // the job ended while this look was under way: look once more
              } else {
                checkStatus();
              }
            });
  }

  private void open(LogFile log) {
    stopTicks.run();
    opening = true;
    reads
        .open(log.path())
        .onComplete(
            ar -> {
              opening = false;
              if (ar.failed()) {
                end();
              } else if (done) {
                ar.result().close();
              } else {
                attach(ar.result(), log, 0);
              }
            });
  }

  private void attach(LogReads.Open opened, LogFile log, long start) {
    file = log.path();
    sender = new LogSender(opened, response, start, log.size(), true, this::stop);
    cancels.add(watcher.watchFile(file, sender::grewTo, sender::gone));
    sender.start();
    if (jobEnded) {
      finishSender();
    }
  }

  private void finishSender() {
    vertx
        .fileSystem()
        .props(file.toString())
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                sender.finish(ar.result().size());
              } else {
                sender.gone();
              }
            });
  }

  private void end() {
    if (!response.ended() && !response.closed()) {
      response.end();
    }
    stop();
  }

  private void stop() {
    if (done) {
      return;
    }
    done = true;
    metrics.followEnded();
    stopTicks.run();
    cancels.forEach(Runnable::run);
    cancels.clear();
  }
}
