package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A late or wrong reporter: status reports that the coordinator must refuse (409), sent for jobs
 * whose attempt has moved on (an older attempt, by the worker that held it) or by a worker that
 * does not hold the job ({@value Fleet#GHOST}, configured but never running). Each carries the
 * marker {@value Observation#MARKER} in its error and details, which no status may ever show.
 *
 * <p>A probe of an ended job (nothing else changes it: the workload holds it meanwhile, and never
 * re-ran or requeued it) reads its status before and after: the {@code version} must be the same. A
 * probe of an active job can race its real worker, so only the answer and the marker are checked.
 */
final class FencedReports {
  /** One probe and what came of it. */
  record Probe(
      String jobId,
      boolean stable,
      String kind,
      int answer,
      long versionBefore,
      long versionAfter,
      String detail) {}

  private static final List<String> STATUSES = List.of("running", "finished", "failed", "stopped");

  private final Ledger ledger;
  private final ChaosHttp http;
  private final List<String> workers;
  private final List<Probe> probes = new ArrayList<>();
  private int sequence;

  FencedReports(Ledger ledger, ChaosHttp http, List<String> workers) {
    this.ledger = ledger;
    this.http = http;
    this.workers = workers;
  }

  synchronized List<Probe> probes() {
    return new ArrayList<>(probes);
  }

  boolean probe(Random rng) {
    boolean stable = rng.nextBoolean();
    TrackedJob job =
        ledger.claim(
            rng,
            j ->
                !j.deleteSent()
                    && j.lastAttempt >= 1
                    && (stable
                        ? Observation.isTerminal(j.lastStatus)
                            && j.requeues.isEmpty()
                            && !j.rerunSource
                        : Observation.isActive(j.lastStatus)));
    if (job == null) {
      return true;
    }
    try {
      return send(rng, job, stable);
    } finally {
      ledger.release(job);
    }
  }

  private boolean send(Random rng, TrackedJob job, boolean stable) {
    ChaosHttp.Answer before = http.get("/status/" + job.id);
    if (!before.ok()) {
      return before.answered();
    }
    JsonObject doc = before.json();
    ledger.observe(job.id, Observation.of(doc, before, "probe"));
    int attempt = doc.getInteger("attempt_number", 0);
    String status = doc.getString("status");
    if (attempt < 1 || stable != Observation.isTerminal(status)) {
      return true; // moved on since it was chosen: another time
    }
    int n;
    synchronized (this) {
      n = ++sequence;
    }
    String kind;
    JsonObject report = new JsonObject().put("job_id", job.id);
    if (attempt >= 2 && rng.nextDouble() < 0.6) {
      int old = 1 + rng.nextInt(attempt - 1);
      kind = "attempt " + old + " of " + attempt;
      report.put("attempt", old).put("worker_id", workerOf(doc, old, rng));
    } else {
      kind = "wrong worker";
      report.put("attempt", attempt).put("worker_id", Fleet.GHOST);
    }
    List<String> choices = new ArrayList<>(STATUSES);
    choices.remove(status);
    if (!stable) {
      choices.remove("running");
    }
    String sent = choices.get(rng.nextInt(choices.size()));
    report
        .put("status", sent)
        .put("exit_code", "finished".equals(sent) ? 0 : 99)
        .put("container_name", Observation.MARKER + "-" + n)
        .put("details", new JsonObject().put(Observation.MARKER, n));
    if ("failed".equals(sent)) {
      report.put("error", Observation.MARKER + " " + n);
    }
    ChaosHttp.Answer a = http.post("/api/agent/job-status", report);
    ledger.count("fenced-report", a);
    long after = -1;
    if (stable) {
      ChaosHttp.Answer check = http.get("/status/" + job.id);
      if (check.ok()) {
        JsonObject now = check.json();
        ledger.observe(job.id, Observation.of(now, check, "probe"));
        after = now.getLong("version", -1L);
      }
    }
    Probe p =
        new Probe(
            job.id,
            stable,
            kind + ", " + sent,
            a.status(),
            doc.getLong("version", -1L),
            after,
            a.body() == null ? "" : a.body());
    synchronized (this) {
      probes.add(p);
    }
    return a.answered();
  }

  /** The worker that held {@code attempt}, from the history; else some real worker. */
  private String workerOf(JsonObject doc, int attempt, Random rng) {
    JsonArray history = doc.getJsonArray("history", new JsonArray());
    for (Object o : history) {
      if (o instanceof JsonObject h && h.getInteger("attempt", -1) == attempt) {
        String w = h.getString("worker_id");
        if (w != null) {
          return w;
        }
      }
    }
    return workers.get(rng.nextInt(workers.size()));
  }
}
