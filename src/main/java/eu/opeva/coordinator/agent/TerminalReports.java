package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.agent.CoordinatorClient.Reply;
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
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers terminal reports (finished, failed, stopped) until the coordinator answers: each is
 * written to the agent's state folder first and removed once answered, and retried with backoff
 * while the coordinator is unreachable or answers 5xx. A 4xx answer is final (the job was moved on
 * or deleted); the report is dropped then. Spooled reports of an earlier run are sent at start. A
 * job whose {@code running} report never got through (the coordinator was away) is announced as
 * running first, since the coordinator refuses {@code dispatched -> finished} and {@code ->
 * stopped}.
 */
final class TerminalReports {
  private static final Logger LOG = LoggerFactory.getLogger(TerminalReports.class);

  /** A report to deliver, where it is spooled, and whether {@code running} must go first. */
  private record Pending(JsonObject report, boolean runningFirst, Path file) {
    String describe() {
      return report.getString("status") + " report of job " + report.getString("job_id");
    }
  }

  private final BlockingIo io;
  private final CoordinatorClient client;
  private final Path spool;
  private final Backoff backoff;
  private final JsonFiles files = new JsonFiles(true);
  private final Map<Path, Long> timers = new HashMap<>();
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

  /** Sends what an earlier run of this agent could not deliver. */
  Future<Integer> resendSpooled() {
    return io.run(
            () -> {
              Files.createDirectories(spool);
              List<Pending> found = new ArrayList<>();
              try (DirectoryStream<Path> dir = Files.newDirectoryStream(spool, "*.json")) {
                for (Path p : dir) {
                  JsonObject entry = JsonFiles.readObjectOrNull(p);
                  JsonObject report = entry == null ? null : entry.getJsonObject("report");
                  if (report != null && report.getString("job_id") != null) {
                    found.add(new Pending(report, entry.getBoolean("running_first", false), p));
                  } else {
                    LOG.warn("ignoring unreadable spooled report {}", p);
                  }
                }
              }
              return found;
            })
        .map(
            found -> {
              found.forEach(
                  p -> {
                    pending++;
                    attempt(p, 0);
                  });
              return found.size();
            });
  }

  void deliver(JsonObject report, boolean runningFirst) {
    pending++;
    Pending p =
        new Pending(
            report,
            runningFirst,
            spool.resolve(
                report.getString("job_id") + "-" + report.getInteger("attempt", 0) + ".json"));
    io.run(
            () -> {
              files.writeJson(
                  p.file(),
                  new JsonObject().put("report", report).put("running_first", runningFirst));
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
            });
  }

  private Future<Reply> send(Pending p) {
    if (!p.runningFirst()) {
      return client.report(p.report());
    }
    JsonObject running = p.report().copy().put("status", "running");
    running.remove("exit_code");
    running.remove("error");
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
                timers.put(
                    p.file(),
                    io.vertx()
                        .setTimer(
                            delay.toMillis(),
                            t -> {
                              timers.remove(p.file());
                              attempt(p, failures + 1);
                            }));
              }
            });
  }

  private void done(Path file) {
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

  /** How many delivery attempts failed and were retried (the coordinator was away). */
  long retried() {
    return retried;
  }

  /** Stops retrying; undelivered reports stay in the spool for the next start. */
  void close() {
    closed = true;
    timers.values().forEach(io.vertx()::cancelTimer);
    timers.clear();
  }
}
