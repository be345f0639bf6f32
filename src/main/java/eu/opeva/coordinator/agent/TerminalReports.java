package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.agent.CoordinatorClient.Reply;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.StatusReport;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers terminal reports (finished, failed, stopped) until the coordinator answers: each is
 * written to the agent's state folder first and removed once answered, and retried with backoff
 * while the coordinator is unreachable or answers 5xx (at once when it answers again, see {@link
 * #coordinatorAnswered}). A 4xx answer is final (the job was moved on or deleted); the report is
 * dropped then. Spooled reports of an earlier run are sent at start. A job whose {@code running}
 * report never got through (the coordinator was away) is announced as running first, since the
 * coordinator refuses {@code dispatched -> finished} and {@code -> stopped}.
 */
final class TerminalReports {
  private static final Logger LOG = LoggerFactory.getLogger(TerminalReports.class);

  // The spool file of a report: {"report": <the report's JSON>, "running_first": <boolean>}.
  private static final String SPOOLED_REPORT = "report";
  private static final String SPOOLED_RUNNING_FIRST = "running_first";

  /** A report to deliver, where it is spooled, and whether {@code running} must go first. */
  private record Pending(StatusReport report, boolean runningFirst, Path file) {
    String describe() {
      return report.status().wire() + " report of job " + report.jobId();
    }
  }

  /** A report waiting out its backoff: its timer, and how many attempts failed. */
  private record Retry(long timer, Pending pending, int failures) {}

  private final BlockingIo io;
  private final CoordinatorClient client;
  private final Path spool;
  private final Backoff backoff;
  private final JsonFiles files = new JsonFiles(true);
  private final Map<Path, Retry> timers = new HashMap<>();
  private final Map<Path, String> undelivered = new HashMap<>();
  private final List<Promise<Void>> drained = new ArrayList<>();
  private int pending;
  private long retried;
  private boolean closed;

  TerminalReports(BlockingIo io, CoordinatorClient client, Path spool, Backoff backoff) {
    this.io = io;
    this.client = client;
    this.spool = spool;
    this.backoff = backoff;
  }

  /**
   * Sends what an earlier run of this agent could not deliver; completes with the spool file names
   * found ({@link RunRecord#fileName(String, Integer)} of each report's job and attempt).
   */
  Future<Set<String>> resendSpooled() {
    return io.run(
            () -> {
              Files.createDirectories(spool);
              List<Pending> found = new ArrayList<>();
              try (DirectoryStream<Path> dir = Files.newDirectoryStream(spool, "*.json")) {
                for (Path p : dir) {
                  Pending spooled = readSpooled(p);
                  if (spooled != null) {
                    found.add(spooled);
                  } else {
                    LOG.warn("ignoring unreadable spooled report {}", p);
                  }
                }
              }
              return found;
            })
        .map(
            found -> {
              Set<String> names = new HashSet<>();
              found.forEach(
                  p -> {
                    names.add(p.file().getFileName().toString());
                    undelivered.put(p.file(), p.report().jobId());
                    pending++;
                    attempt(p, 0);
                  });
              return names;
            });
  }

  /** A spooled report, or null when the file is not one. */
  private static Pending readSpooled(Path file) {
    JsonObject entry = JsonFiles.readObjectOrNull(file);
    Object report = entry == null ? null : entry.getValue(SPOOLED_REPORT);
    if (!(report instanceof JsonObject json)) {
      return null;
    }
    try {
      StatusReport read = StatusReport.fromJson(json);
      return read.jobId() == null
          ? null
          : new Pending(read, entry.getBoolean(SPOOLED_RUNNING_FIRST, false), file);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Delivers a report until the coordinator answers; completes once it is spooled (or could not be,
   * which is logged).
   */
  Future<Void> deliver(StatusReport report, boolean runningFirst) {
    pending++;
    Pending p =
        new Pending(
            report,
            runningFirst,
            spool.resolve(RunRecord.fileName(report.jobId(), report.attempt())));
    undelivered.put(p.file(), report.jobId());
    return io.run(
            () -> {
              files.writeJson(
                  p.file(),
                  new JsonObject()
                      .put(SPOOLED_REPORT, report.toJson())
                      .put(SPOOLED_RUNNING_FIRST, runningFirst));
              return null;
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "could not spool the {}; delivering from memory only",
                    p.describe(),
                    ar.cause());
              }
              attempt(p, 0);
            })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private Future<Reply> send(Pending p) {
    if (!p.runningFirst()) {
      return client.report(p.report());
    }
    StatusReport running = p.report().withOutcome(JobStatus.RUNNING, null, null);
    // Whatever the coordinator thinks of "running" (it may already be past it), the terminal report
    // follows.
    return client
        .report(running)
        .compose(r -> r.status() >= 500 ? Future.succeededFuture(r) : client.report(p.report()));
  }

  private void attempt(Pending p, int failures) {
    if (closed) {
      return;
    }
    send(p)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().status() < 500) {
                if (!ar.result().ok()) {
                  LOG.warn(
                      "coordinator refused the {} ({}): {}",
                      p.describe(),
                      ar.result().status(),
                      ar.result().detail());
                } else if (failures > 0) {
                  LOG.info("delivered the {} after {} retries", p.describe(), failures);
                }
                done(p.file());
                return;
              }
              String why =
                  String.valueOf(ar.succeeded() ? ar.result().detail() : ar.cause().getMessage());
              Duration delay = backoff.delay(failures + 1);
              if (failures == 0 || (failures + 1) % 10 == 0) {
                LOG.warn(
                    "{} not delivered ({}); retrying in {} ms",
                    p.describe(),
                    why,
                    delay.toMillis());
              }
              retried++;
              if (!closed) {
                long timer =
                    io.vertx()
                        .setTimer(
                            delay.toMillis(),
                            t -> {
                              timers.remove(p.file());
                              attempt(p, failures + 1);
                            });
                timers.put(p.file(), new Retry(timer, p, failures));
              }
            });
  }

  private void done(Path file) {
    undelivered.remove(file);
    io.run(() -> Files.deleteIfExists(file))
        .onComplete(
            ar -> {
              pending--;
              if (pending == 0) {
                drained.forEach(Promise::tryComplete);
                drained.clear();
              }
            });
  }

  /** Completes when nothing is left to deliver. */
  Future<Void> drained() {
    if (pending == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    drained.add(p);
    return p.future();
  }

  int pending() {
    return pending;
  }

  /**
   * The jobs with a terminal report not yet answered, for the heartbeat: with the runs, what this
   * agent holds (a dispatch it holds in neither was lost).
   */
  Set<String> undeliveredJobIds() {
    return new HashSet<>(undelivered.values());
  }

  /** How many delivery attempts failed and were retried (the coordinator was away). */
  long retried() {
    return retried;
  }

  /**
   * The coordinator answered (a heartbeat went through): every report waiting out its backoff is
   * sent now instead of up to the longest retry delay later.
   */
  void coordinatorAnswered() {
    if (closed || timers.isEmpty()) {
      return;
    }
    List<Retry> due = new ArrayList<>(timers.values());
    timers.clear();
    for (Retry r : due) {
      io.vertx().cancelTimer(r.timer());
      attempt(r.pending(), r.failures() + 1);
    }
  }

  /** Stops retrying; undelivered reports stay in the spool for the next start. */
  void close() {
    closed = true;
    timers.values().forEach(r -> io.vertx().cancelTimer(r.timer()));
    timers.clear();
  }
}
