package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.domain.JobFields.JOB_ID;
import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.dispatch.WhyFacts;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /jobs/{id}/why}: the job's status and, unless it runs, the reasons as codes with a
 * sentence each, from what dispatch knows ({@link WhyFacts}) and the hosts' last heartbeats.
 */
final class WhyView {
  static final String REASONS = "reasons";
  static final String CODE = "code";
  static final String MESSAGE = "message";

  private WhyView() {}

  static JsonObject build(Settings config, JsonObject facts, JsonObject monitor, long nowMillis) {
    JobStatus status = JobStatus.parse(facts.getString(STATUS)).orElse(JobStatus.UNKNOWN);
    String worker = facts.getString(WhyFacts.WORKER_ID);
    JsonArray reasons = new JsonArray();
    switch (status) {
      case WAITING -> reasons.add(waiting(facts));
      case QUEUED, LAUNCHING -> queued(config, facts, monitor, nowMillis).forEach(reasons::add);
      case DISPATCHED ->
          reasons.add(
              reason("dispatched", "Dispatched to " + worker + "; waits for the worker to start it")
                  .put(WhyFacts.WORKER_ID, worker));
      case STOP_REQUESTED ->
          reasons.add(
              reason(
                      "stop_requested",
                      "A stop was requested; waits for " + worker + " to end the job")
                  .put(WhyFacts.WORKER_ID, worker));
      case RUNNING -> {}
      default -> {
        String error = facts.getString(WhyFacts.ERROR);
        reasons.add(
            reason(
                "ended",
                "The job has ended: " + status.wire() + (error == null ? "" : " (" + error + ")")));
      }
    }
    JsonObject out =
        new JsonObject()
            .put(JOB_ID, facts.getString(JOB_ID))
            .put(STATUS, status.wire())
            .put("running", status == JobStatus.RUNNING)
            .put(REASONS, reasons);
    if (facts.containsKey(WhyFacts.POSITION)) {
      out.put(
          "queue",
          new JsonObject()
              .put(WhyFacts.POSITION, facts.getValue(WhyFacts.POSITION))
              .put(WhyFacts.PRIORITY, facts.getValue(WhyFacts.PRIORITY))
              .put(WhyFacts.EFFECTIVE_PRIORITY, facts.getValue(WhyFacts.EFFECTIVE_PRIORITY)));
    }
    return out;
  }

  private static JsonObject waiting(JsonObject facts) {
    JsonArray pending = facts.getJsonArray(WhyFacts.PENDING, new JsonArray());
    List<String> names = new ArrayList<>();
    pending.forEach(
        o -> {
          JsonObject p = (JsonObject) o;
          names.add(p.getString(JOB_ID) + " (" + p.getString(STATUS) + ")");
        });
    String message =
        pending.isEmpty()
            ? "Its dependencies have ended; it is being queued"
            : "Waits for "
                + (pending.size() == 1 ? "1 dependency" : pending.size() + " dependencies")
                + " to end: "
                + String.join(", ", names);
    return reason("waiting_on_dependencies", message).put("dependencies", pending);
  }

  private static List<JsonObject> queued(
      Settings config, JsonObject facts, JsonObject monitor, long now) {
    List<JsonObject> out = new ArrayList<>();
    if (facts.getBoolean(WhyFacts.DRAINING, false)) {
      out.add(reason("draining", "The coordinator is shutting down and gives out no jobs"));
    }
    Object notBefore = facts.getValue(WhyFacts.NOT_BEFORE);
    if (notBefore instanceof Number nb) {
      out.add(
          reason(
                  "retry_backoff",
                  "Waits out its retry backoff until " + iso(nb.doubleValue()) + " (UTC)")
              .put(WhyFacts.NOT_BEFORE, notBefore));
    }
    JsonArray candidates = facts.getJsonArray(WhyFacts.CANDIDATES, new JsonArray());
    JsonObject workers = monitor.getJsonObject("workers", new JsonObject());
    double ttl = config.hosts().heartbeatTtl().toMillis() / 1000.0;
    JsonArray seen = new JsonArray();
    List<JsonObject> online = new ArrayList<>();
    for (Object o : candidates) {
      JsonObject c = (JsonObject) o;
      JsonObject hb = workers.getJsonObject(c.getString(WhyFacts.HOST));
      Double lastSeen = hb == null ? null : hb.getDouble("last_seen");
      seen.add(
          new JsonObject()
              .put(WhyFacts.HOST, c.getString(WhyFacts.HOST))
              .put("last_seen", lastSeen));
      if (lastSeen != null && now / 1000.0 - lastSeen <= ttl) {
        online.add(c);
      }
    }
    String profile = facts.getString(WhyFacts.PROFILE);
    if (candidates.isEmpty()) {
      out.add(
          reason("no_worker_online", "No configured host can take it")
              .put("hosts", new JsonArray()));
    } else if (online.isEmpty()) {
      List<String> names = new ArrayList<>();
      seen.forEach(
          o -> {
            JsonObject s = (JsonObject) o;
            Double at = s.getDouble("last_seen");
            names.add(
                s.getString(WhyFacts.HOST)
                    + (at == null ? " (never seen)" : " (last seen " + iso(at) + ")"));
          });
      out.add(
          reason(
                  "no_worker_online",
                  "No host that could take it is online: " + String.join(", ", names))
              .put("hosts", seen));
    } else {
      List<JsonObject> full =
          online.stream()
              .filter(c -> c.containsKey(WhyFacts.LIMIT))
              .filter(c -> c.getInteger(WhyFacts.USED) >= c.getInteger(WhyFacts.LIMIT))
              .toList();
      if (full.size() == online.size()) {
        JsonArray hosts = new JsonArray();
        List<String> names = new ArrayList<>();
        for (JsonObject c : full) {
          hosts.add(c.copy().put(WhyFacts.PROFILE, profile));
          names.add(
              c.getString(WhyFacts.HOST)
                  + " "
                  + c.getInteger(WhyFacts.USED)
                  + "/"
                  + c.getInteger(WhyFacts.LIMIT));
        }
        out.add(
            reason(
                    "slots_full",
                    "Every online host that could take it has its "
                        + profile
                        + " slots full: "
                        + String.join(", ", names))
                .put("hosts", hosts));
      }
    }
    int ahead = facts.getInteger(WhyFacts.AHEAD, 0);
    if (ahead > 0) {
      out.add(
          reason(
                  "behind_jobs",
                  (ahead == 1 ? "1 queued job goes" : ahead + " queued jobs go")
                      + " before it on the hosts that could take it")
              .put(WhyFacts.AHEAD, ahead));
    }
    if (out.isEmpty()) {
      List<String> names = online.stream().map(c -> c.getString(WhyFacts.HOST)).toList();
      out.add(
          reason(
              "next_in_line",
              "It goes to the next poll of an online host that may take it: "
                  + String.join(", ", names)));
    }
    return out;
  }

  private static JsonObject reason(String code, String message) {
    return new JsonObject().put(CODE, code).put(MESSAGE, message);
  }

  private static String iso(double epochSeconds) {
    return Instant.ofEpochMilli(Math.round(epochSeconds * 1000)).toString();
  }
}
