package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The operations that create jobs: submissions (some depending on earlier jobs), pipelines, re-runs
 * of ended jobs and of pipelines. Every job of a 200 answer is recorded as acknowledged, with what
 * it was submitted with.
 */
final class Creations {
  private final Ledger ledger;
  private final ChaosHttp http;
  private final JobMix mix;

  Creations(Ledger ledger, ChaosHttp http, JobMix mix) {
    this.ledger = ledger;
    this.http = http;
    this.mix = mix;
  }

  boolean submit(Random rng) {
    JsonObject body = mix.job(rng, true);
    List<String> deps = List.of();
    if (rng.nextDouble() < 0.25) {
      deps = ledger.chooseDependencies(rng, 1 + rng.nextInt(3), 30);
      if (!deps.isEmpty()) {
        body.put("depends_on", new JsonArray(deps));
        JobMix.runIf(rng, body);
      }
    }
    ChaosHttp.Answer a = http.post("/run-simulation", body);
    ledger.count("submit", a);
    if (a.ok()) {
      JsonObject answer = a.json();
      String id = answer.getString("job_id");
      JsonObject retry = body.getJsonObject("retry");
      ledger.add(
          new TrackedJob(
              id,
              TrackedJob.Origin.SUBMIT,
              null,
              a.recvNanos(),
              a.recvWall(),
              deps,
              body.getInteger("priority", 0),
              retry == null ? null : retry.getInteger("max_attempts")));
      ledger.observe(id, Observation.answered(a, answer.getString("status"), "submit"));
    }
    return a.answered();
  }

  boolean pipeline(Random rng) {
    JsonObject body = mix.pipeline(rng);
    ChaosHttp.Answer a = http.post("/pipelines", body);
    ledger.count("pipeline", a);
    if (a.ok()) {
      JsonObject answer = a.json();
      String pid = answer.getString("pipeline_id");
      Map<String, String> jobs = new LinkedHashMap<>();
      answer
          .getJsonObject("jobs", new JsonObject())
          .forEach(e -> jobs.put(e.getKey(), (String) e.getValue()));
      for (Object n : body.getJsonArray("jobs")) {
        JsonObject node = (JsonObject) n;
        String id = jobs.get(node.getString("key"));
        JsonObject retry = node.getJsonObject("retry");
        if (id != null) {
          ledger.add(
              new TrackedJob(
                  id,
                  TrackedJob.Origin.PIPELINE,
                  pid,
                  a.recvNanos(),
                  a.recvWall(),
                  null,
                  node.getInteger("priority", 0),
                  retry == null ? null : retry.getInteger("max_attempts")));
        }
      }
      ledger.addPipeline(new Ledger.PipelineRecord(pid, jobs));
    }
    return a.answered();
  }

  boolean rerun(Random rng) {
    TrackedJob old =
        ledger.claim(
            rng, j -> j.acknowledged() && Observation.isTerminal(j.lastStatus) && !j.deleteSent());
    if (old == null) {
      return true;
    }
    try {
      ledger.update(List.of(old), j -> j.rerunSource = true);
      ChaosHttp.Answer a = http.post("/jobs/" + old.id + "/rerun", new JsonObject());
      ledger.count("rerun", a);
      if (a.ok()) {
        String id = a.json().getString("job_id");
        ledger.add(
            new TrackedJob(
                id, TrackedJob.Origin.RERUN, null, a.recvNanos(), a.recvWall(), null, null, null));
      }
      return a.answered();
    } finally {
      ledger.release(old);
    }
  }

  /** Re-runs a pipeline whose jobs were all seen ending: ALL or one key, with or without force. */
  boolean pipelineRerun(Random rng) {
    List<Ledger.PipelineRecord> ended = new ArrayList<>();
    synchronized (ledger) {
      for (Ledger.PipelineRecord p : ledger.pipelines()) {
        if (p.jobs().values().stream()
            .map(ledger::job)
            .allMatch(j -> j != null && !j.deleteSent() && !j.open())) {
          ended.add(p);
        }
      }
    }
    if (ended.isEmpty()) {
      return true;
    }
    Ledger.PipelineRecord p = ended.get(rng.nextInt(ended.size()));
    List<String> ids;
    synchronized (ledger) {
      ids = new ArrayList<>(p.jobs().values());
    }
    if (!ledger.claimAll(ids)) {
      return true;
    }
    try {
      synchronized (ledger) {
        ids.stream().map(ledger::job).filter(j -> j != null).forEach(j -> j.rerunSource = true);
      }
      List<String> keys = new ArrayList<>(p.jobs().keySet());
      Object which =
          rng.nextDouble() < 0.5 ? "ALL" : new JsonArray().add(keys.get(rng.nextInt(keys.size())));
      JsonObject body = new JsonObject().put("jobs", which).put("force", rng.nextDouble() < 0.3);
      ChaosHttp.Answer a = http.post("/pipelines/" + p.id() + "/rerun", body);
      ledger.count("pipeline-rerun", a);
      if (a.ok()) {
        JsonObject made = a.json().getJsonObject("jobs", new JsonObject());
        for (Map.Entry<String, Object> e : made) {
          String id = (String) e.getValue();
          ledger.add(
              new TrackedJob(
                  id,
                  TrackedJob.Origin.PIPELINE_RERUN,
                  p.id(),
                  a.recvNanos(),
                  a.recvWall(),
                  null,
                  null,
                  null));
          synchronized (ledger) {
            p.jobs().put(e.getKey(), id);
          }
        }
      }
      return a.answered();
    } finally {
      ledger.releaseAll(ids);
    }
  }
}
