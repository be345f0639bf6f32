package eu.opeva.coordinator.agent;

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
 * or deleted); the report is dropped then. Spooled reports of an earlier run are sent at start.
 */
final class TerminalReports {
  private static final Logger LOG = LoggerFactory.getLogger(TerminalReports.class);

  private final AgentIo io;
  private final CoordinatorClient client;
  private final Path spool;
  private final Backoff backoff;
  private final JsonFiles files = new JsonFiles(true);
  private final Map<Path, Long> timers = new HashMap<>();
  private final List<Promise<Void>> drained = new ArrayList<>();
  private int pending;
  private long retried;
  private boolean closed;

  TerminalReports(AgentIo io, CoordinatorClient client, Path spool, Backoff backoff) {
    this.io = io;
    this.client = client;
    this.spool = spool;
    this.backoff = backoff;
  }

  /** Sends what an earlier run of this agent could not deliver. */
  Future<Integer> resendSpooled() {
    return io.blocking(() -> {
      Files.createDirectories(spool);
      Map<Path, JsonObject> found = new HashMap<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(spool, "*.json")) {
        for (Path p : dir) {
          JsonObject report = JsonFiles.readObjectOrNull(p);
          if (report != null && report.getString("job_id") != null) {
            found.put(p, report);
          } else {
            LOG.warn("ignoring unreadable spooled report {}", p);
          }
        }
      }
      return found;
    }).map(found -> {
      found.forEach((file, report) -> {
        pending++;
        attempt(report, file, 0);
      });
      return found.size();
    });
  }

  void deliver(JsonObject report) {
    pending++;
    Path file = spool.resolve(report.getString("job_id") + "-" + report.getInteger("attempt", 0) + ".json");
    io.blocking(() -> {
      files.writeJson(file, report);
      return null;
    }).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not spool the report of job {}; delivering from memory only", report.getString("job_id"), ar.cause());
      }
      attempt(report, file, 0);
    });
  }

  private void attempt(JsonObject report, Path file, int failures) {
    if (closed) {
      return;
    }
    String jobId = report.getString("job_id");
    client.report(report).onComplete(ar -> {
      if (ar.succeeded() && ar.result().status() < 500) {
        if (!ar.result().ok()) {
          LOG.warn("coordinator refused the {} report of job {} ({}): {}", report.getString("status"), jobId,
              ar.result().status(), ar.result().detail());
        } else if (failures > 0) {
          LOG.info("delivered the {} report of job {} after {} retries", report.getString("status"), jobId, failures);
        }
        done(file);
        return;
      }
      String why = ar.succeeded() ? ar.result().detail() : String.valueOf(ar.cause().getMessage());
      Duration delay = backoff.delay(failures + 1);
      if (failures == 0 || (failures + 1) % 10 == 0) {
        LOG.warn("{} report of job {} not delivered ({}); retrying in {} ms", report.getString("status"), jobId, why,
            delay.toMillis());
      }
      retried++;
      if (!closed) {
        timers.put(file, io.vertx().setTimer(delay.toMillis(), t -> {
          timers.remove(file);
          attempt(report, file, failures + 1);
        }));
      }
    });
  }

  private void done(Path file) {
    io.blocking(() -> Files.deleteIfExists(file)).onComplete(ar -> {
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
