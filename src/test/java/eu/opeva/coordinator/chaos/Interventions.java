package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The operations on existing jobs: stops (plain and as an operator), deletes, operator requeues,
 * fails and cancels, and pipeline cancels. Every request about a job is recorded with its times and
 * outcome; the status in a 200 answer is an observation.
 *
 * <p>Operator requeues take a job out of a terminal state on purpose, so they are limited to what
 * the checks can account for: plain jobs without dependencies that no job depends on, last seen
 * {@code failed}, {@code stopped} or {@code canceled}, never failed or canceled by an operator
 * (such a job may be ended while its process still runs: a requeue then would start a second
 * attempt beside it, by the operator's explicit choice). Never with {@code force}.
 */
final class Interventions {
  private static final List<String> REQUEUABLE = List.of("failed", "stopped", "canceled");

  private final Ledger ledger;
  private final ChaosHttp http;

  Interventions(Ledger ledger, ChaosHttp http) {
    this.ledger = ledger;
    this.http = http;
  }

  boolean stop(Random rng, boolean asOperator) {
    TrackedJob job = ledger.claim(rng, target(rng, false));
    if (job == null) {
      return true;
    }
    try {
      ChaosHttp.Answer a =
          asOperator
              ? http.post("/ops/jobs/" + job.id + "/stop", operator())
              : http.post("/stop/" + job.id, null);
      ledger.count(asOperator ? "ops-stop" : "stop", a);
      observeAnswer(job, a, asOperator ? "ops-stop" : "stop");
      return a.answered();
    } finally {
      ledger.release(job);
    }
  }

  boolean delete(Random rng) {
    boolean ended = rng.nextBoolean();
    TrackedJob job =
        ledger.claim(
            rng,
            j ->
                j.acknowledged()
                    && !j.deleteAcknowledged()
                    && Observation.isTerminal(j.lastStatus) == ended);
    if (job == null) {
      return true;
    }
    try {
      long sent = System.nanoTime();
      ledger.update(List.of(job), j -> j.deleting = sent);
      ChaosHttp.Answer a = http.delete("/job/" + job.id);
      ledger.count("delete", a);
      ledger.update(
          List.of(job),
          j -> {
            j.deleting = 0;
            j.deletes.add(request(a));
          });
      return a.answered();
    } finally {
      ledger.release(job);
    }
  }

  boolean requeue(Random rng) {
    TrackedJob job =
        ledger.claim(
            rng,
            j ->
                j.origin == TrackedJob.Origin.SUBMIT
                    && j.dependsOn != null
                    && j.dependsOn.isEmpty()
                    && !j.dependedOn
                    && !j.endedByOps
                    && !j.deleteSent()
                    && j.lastStatus != null
                    && REQUEUABLE.contains(j.lastStatus));
    if (job == null) {
      return true;
    }
    try {
      long sent = System.nanoTime();
      TrackedJob.Request pending =
          new TrackedJob.Request(sent, Long.MAX_VALUE, System.currentTimeMillis(), -1);
      ledger.update(List.of(job), j -> j.requeues.add(pending));
      ChaosHttp.Answer a =
          http.post("/ops/jobs/" + job.id + "/requeue", operator().put("reason", "chaos"));
      ledger.count("ops-requeue", a);
      ledger.update(
          List.of(job),
          j -> {
            j.requeues.remove(pending);
            j.requeues.add(
                new TrackedJob.Request(
                    sent,
                    a.answered() ? a.recvNanos() : Long.MAX_VALUE,
                    pending.sentWall(),
                    a.status()));
          });
      observeAnswer(job, a, "ops-requeue");
      return a.answered();
    } finally {
      ledger.release(job);
    }
  }

  /**
   * An operator's fail (of a job last seen held by a worker) or cancel (of one not seen ending).
   */
  boolean end(Random rng, String action) {
    TrackedJob job = ledger.claim(rng, target(rng, action.equals("fail")));
    if (job == null) {
      return true;
    }
    try {
      boolean open;
      synchronized (ledger) {
        open = job.open();
        job.endedByOps |= open;
      }
      ChaosHttp.Answer a =
          http.post("/ops/jobs/" + job.id + "/" + action, operator().put("reason", "chaos"));
      ledger.count("ops-" + action, a);
      if (!open && (a.ok() || !a.answered())) {
        ledger.update(List.of(job), j -> j.endedByOps = true);
      }
      observeAnswer(job, a, "ops-" + action);
      return a.answered();
    } finally {
      ledger.release(job);
    }
  }

  boolean cancelPipeline(Random rng) {
    List<Ledger.PipelineRecord> all = ledger.pipelines();
    if (all.isEmpty()) {
      return true;
    }
    Ledger.PipelineRecord p = all.get(rng.nextInt(all.size()));
    List<String> ids;
    synchronized (ledger) {
      ids = new ArrayList<>(p.jobs().values());
    }
    if (!ledger.claimAll(ids)) {
      return true;
    }
    try {
      ChaosHttp.Answer a = http.post("/pipelines/" + p.id() + "/cancel", null);
      ledger.count("pipeline-cancel", a);
      return a.answered();
    } finally {
      ledger.releaseAll(ids);
    }
  }

  /**
   * Whom a stop, fail or cancel goes to: mostly a job not seen ending (for a fail, one seen held by
   * a worker); a quarter of the time one seen ended, which the request must leave as it is.
   */
  private static Predicate<TrackedJob> target(Random rng, boolean held) {
    if (rng.nextDouble() < 0.25) {
      return j -> j.acknowledged() && !j.deleteSent() && Observation.isTerminal(j.lastStatus);
    }
    return j -> j.open() && !j.deleteSent() && (!held || Observation.isActive(j.lastStatus));
  }

  private void observeAnswer(TrackedJob job, ChaosHttp.Answer a, String source) {
    String status = a.ok() ? a.json().getString("status") : null;
    if (status != null) {
      ledger.observe(job.id, Observation.answered(a, status, source));
    }
  }

  static TrackedJob.Request request(ChaosHttp.Answer a) {
    return new TrackedJob.Request(
        a.sentNanos(), a.answered() ? a.recvNanos() : Long.MAX_VALUE, a.sentWall(), a.status());
  }

  private static JsonObject operator() {
    return new JsonObject().put("operator", "chaos");
  }
}
