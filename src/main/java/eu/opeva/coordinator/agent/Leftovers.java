package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.StatusReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an earlier life of this agent left behind (it died without cleaning up), settled at start
 * before the agent polls: for each {@link RunRecord}, a process still alive that is really that run
 * ({@link OldProcess}) is terminated (SIGTERM, SIGKILL after the grace); with the docker runner,
 * this worker's containers are also stopped and removed ({@link DockerCleanup}). Each such attempt
 * is journaled {@code leftover} and reported {@code failed} ({@code agent_restarted}) through the
 * report spool, unless its terminal report was spooled already; then its record goes.
 */
final class Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private final AgentServices s;

  Leftovers(AgentServices services) {
    this.s = services;
  }

  /** The error of the {@code failed} report of a leftover attempt. */
  static String error(Integer attempt) {
    return AgentProtocol.AGENT_RESTARTED
        + ": the agent restarted while attempt "
        + (attempt == null ? 0 : attempt)
        + " was running; it was stopped";
  }

  /**
   * Settles every leftover; {@code spooled}: the spool's file names at start (reports on their way
   * already). Completes with the number of leftover attempts.
   */
  Future<Integer> settle(Set<String> spooled) {
    return s.io()
        .run(() -> s.runs().records())
        .compose(
            records -> {
              List<Future<String>> stops = new ArrayList<>();
              records.forEach(r -> stops.add(stop(r)));
              return Future.join(stops)
                  .transform(v -> containers())
                  .compose(
                      containers -> {
                        Map<String, Leftover> all = new LinkedHashMap<>();
                        for (int i = 0; i < records.size(); i++) {
                          RunRecord r = records.get(i);
                          Future<String> why = stops.get(i);
                          all.put(
                              r.fileName(),
                              new Leftover(r).because(why.succeeded() ? why.result() : "unknown"));
                        }
                        for (DockerCleanup.Container c : containers) {
                          if (c.jobId() != null) {
                            String key = RunRecord.fileName(c.jobId(), c.attempt());
                            all.computeIfAbsent(key, k -> new Leftover(record(c)))
                                .because("container " + c.name() + " was stopped and removed");
                          }
                        }
                        List<Future<Void>> reported = new ArrayList<>();
                        all.values().forEach(l -> reported.add(settle(l, spooled)));
                        return Future.join(reported)
                            .transform(v -> Future.succeededFuture(all.size()));
                      });
            });
  }

  /** What is known of one leftover attempt. */
  private static final class Leftover {
    final RunRecord run;
    final List<String> reasons = new ArrayList<>();

    Leftover(RunRecord run) {
      this.run = run;
    }

    Leftover because(String why) {
      reasons.add(why);
      return this;
    }

    Long pid() {
      return run.pid() > 0 ? run.pid() : null;
    }
  }

  private RunRecord record(DockerCleanup.Container c) {
    return new RunRecord(c.jobId(), c.attempt(), -1, c.name(), s.runner().name(), 0);
  }

  /** Stops the record's process if it still runs; why the run is over. */
  private Future<String> stop(RunRecord r) {
    return s.io()
        .run(() -> OldProcess.find(r))
        .compose(
            old -> {
              if (old == null) {
                return Future.succeededFuture("its process " + r.pid() + " had already ended");
              }
              LOG.warn(
                  "job {} attempt {}: process {} of an earlier run of this agent is still running;"
                      + " terminating it",
                  r.jobId(),
                  r.attempt(),
                  r.pid());
              Duration grace = s.settings().timings().stopGrace();
              return s.io()
                  .run(() -> old.signal(false))
                  .compose(v -> exited(old, grace))
                  .compose(
                      gone ->
                          gone
                              ? Future.succeededFuture("process " + r.pid() + " was terminated")
                              : s.io()
                                  .run(() -> old.signal(true))
                                  .compose(v -> exited(old, AFTER_KILL))
                                  .map(v -> "process " + r.pid() + " was killed"));
            });
  }

  /** Whether the process exits within {@code limit}. */
  private Future<Boolean> exited(OldProcess old, Duration limit) {
    Promise<Boolean> exited = Promise.promise();
    long timer =
        s.io().vertx().setTimer(Math.max(1, limit.toMillis()), t -> exited.tryComplete(false));
    Future.fromCompletionStage(old.handle().onExit(), s.context())
        .onComplete(
            ar -> {
              s.io().vertx().cancelTimer(timer);
              exited.tryComplete(true);
            });
    return exited.future();
  }

  private Future<List<DockerCleanup.Container>> containers() {
    if (!s.runner().name().equals("docker")) {
      return Future.succeededFuture(List.of());
    }
    return new DockerCleanup(s.io(), s.context())
        .clean(s.settings().workerId(), s.settings().timings().stopGrace());
  }

  /** Journals the leftover, reports it failed (unless already spooled), removes its record. */
  private Future<Void> settle(Leftover l, Set<String> spooled) {
    RunRecord r = l.run;
    boolean reported = spooled.contains(r.fileName());
    String reason =
        String.join("; ", l.reasons)
            + (reported ? "; its terminal report was spooled already" : "; reported failed");
    LOG.warn("job {} attempt {} was left by an earlier run: {}", r.jobId(), r.attempt(), reason);
    return s.io()
        .run(
            () -> {
              s.runs().leftover(r.jobId(), r.attempt(), l.pid(), reason);
              return null;
            })
        .compose(v -> reported ? Future.succeededFuture() : s.reports().deliver(failed(l), false))
        .compose(
            v ->
                s.io()
                    .run(
                        () -> {
                          s.runs().remove(r.jobId(), r.attempt());
                          return null;
                        }))
        .mapEmpty();
  }

  private StatusReport failed(Leftover l) {
    RunRecord r = l.run;
    JsonObject details =
        new JsonObject()
            .put("executor", r.runner())
            .put("hostname", s.hostname())
            .put("pid", l.pid())
            .put("leftover", String.join("; ", l.reasons));
    return new StatusReport(
        r.jobId(),
        JobStatus.FAILED,
        s.settings().workerId(),
        r.attempt(),
        null,
        r.containerName(),
        null,
        error(r.attempt()),
        details);
  }
}
