package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.domain.Staleness;
import eu.opeva.coordinator.domain.StatusNote.Mark;
import eu.opeva.coordinator.protocol.NextJobRequest;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random operations on a dispatch verticle over the bus: submissions (with priorities, retry
 * policies and dependencies), pipelines and their re-runs, polls, reports (right and fenced),
 * stops, operator actions, re-runs, deletes, undelivered dispatches, monitor decisions and
 * cleanups, with the clock moving between them. Refusals (4xx) are part of the game; anything else
 * fails the test.
 */
final class RandomOperations {
  static final List<String> WORKERS = List.of("w1", "w2", "deucalion");
  private static final String[] REPORTED = {
    "queued",
    "dispatched",
    "running",
    "running",
    "running",
    "finished",
    "failed",
    "stopped",
    "canceled"
  };

  private final DispatchClient dispatch;
  private final MutableClock clock;
  private final Random random;
  private final List<String> ids = new ArrayList<>();
  private final List<String> pipelines = new ArrayList<>();
  private final StringBuilder trace = new StringBuilder();
  private final Map<String, int[]> outcomes;

  RandomOperations(
      DispatchClient dispatch, MutableClock clock, Random random, Map<String, int[]> outcomes) {
    this.outcomes = outcomes;
    this.dispatch = dispatch;
    this.clock = clock;
    this.random = random;
  }

  String trace() {
    return trace.toString();
  }

  void run(int operations) {
    for (int i = 0; i < operations; i++) {
      clock.advance(Duration.ofMillis(1 + random.nextInt(3000)));
      int pick = ids.isEmpty() ? 0 : random.nextInt(100);
      String id = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
      if (pick < 20) {
        JsonObject r = call("submit", dispatch.submit(submission()));
        if (r != null) {
          ids.add(r.getString("job_id"));
        }
      } else if (pick < 38) {
        String worker = WORKERS.get(random.nextInt(WORKERS.size()));
        call("poll " + worker, dispatch.nextJob(new NextJobRequest(worker, 0), "w" + i));
      } else if (pick < 60) {
        call("report " + id, status(id).compose(doc -> dispatch.report(report(id, doc))));
      } else if (pick < 63) {
        JsonObject r = call("pipeline", dispatch.createPipeline(pipeline()));
        if (r != null) {
          pipelines.add(r.getString("pipeline_id"));
          r.getJsonObject("jobs").forEach(e -> ids.add((String) e.getValue()));
        }
      } else if (pick < 68) {
        call("stop " + id, dispatch.stop(id));
      } else if (pick < 78) {
        String action = List.of("requeue", "fail", "cancel", "stop").get(random.nextInt(4));
        call("ops " + action + " " + id, dispatch.opsJob(action, id, opsBody()));
      } else if (pick < 80 || (pick < 84 && pipelines.isEmpty())) {
        JsonObject r = call("rerun " + id, dispatch.rerun(id, new JsonObject()));
        if (r != null) {
          ids.add(r.getString("job_id"));
        }
      } else if (pick < 84) {
        // A pipeline is re-run; a running one is canceled first (its running jobs by force).
        String pid = pipelines.get(random.nextInt(pipelines.size()));
        JsonObject p = TestCoordinator.await(dispatch.pipeline(pid));
        if ("running".equals(p.getString("status"))) {
          call("pipeline cancel " + pid, dispatch.cancelPipeline(pid));
          for (Object o : TestCoordinator.await(dispatch.pipeline(pid)).getJsonArray("nodes")) {
            JsonObject node = (JsonObject) o;
            if (node.getString("status").equals("stop_requested")) {
              String job = node.getString("job_id");
              call(
                  "ops cancel " + job,
                  dispatch.opsJob("cancel", job, new JsonObject().put("force", true)));
            }
          }
        }
        {
          JsonObject body =
              new JsonObject()
                  .put("jobs", random.nextBoolean() ? "ALL" : new JsonArray().add("k0"))
                  .put("force", random.nextBoolean());
          JsonObject r = call("pipeline rerun " + pid, dispatch.rerunPipeline(pid, body));
          if (r != null) {
            r.getJsonObject("jobs").forEach(e -> ids.add((String) e.getValue()));
          }
        }
      } else if (pick < 87) {
        call("delete " + id, dispatch.delete(id));
      } else if (pick < 90) {
        call(
            "undeliverable " + id,
            status(id).compose(doc -> dispatch.undeliverable(id, doc.getInteger("attempt", 0))));
      } else if (pick < 97) {
        call("recover " + id, status(id).compose(doc -> dispatch.recover(decision(id, doc))));
      } else {
        String what = random.nextBoolean() ? "jobs" : "queue";
        call(
            "cleanup " + what,
            dispatch.opsCleanup(what, new JsonObject().put("force", random.nextInt(4) == 0)));
      }
    }
  }

  private JsonObject submission() {
    JsonObject body = new JsonObject();
    if (random.nextBoolean()) {
      body.put("config_path", "demo.yaml");
    } else {
      body.put(
          "config",
          new JsonObject()
              .put(
                  "experiment",
                  new JsonObject().put("name", "E" + random.nextInt(5)).put("run_name", "R")));
    }
    String host = List.of("", "w1", "w2", "deucalion").get(random.nextInt(4));
    if (!host.isEmpty()) {
      body.put("target_host", host);
    }
    if (host.equals("deucalion") && random.nextBoolean()) {
      body.put("deucalion_options", new JsonObject().put("partition", "gpu").put("gpus", 1));
    }
    if (random.nextBoolean()) {
      body.put(
          "resources",
          new JsonObject()
              .put("cpus", 0.5 + random.nextInt(4))
              .put("memory_mb", 256 * (1 + random.nextInt(8)))
              .put("gpus", random.nextInt(2)));
    }
    if (random.nextBoolean()) {
      body.put("extra_args", new JsonArray().add("--seed").add(String.valueOf(random.nextInt(99))));
    }
    if (random.nextBoolean()) {
      body.put("submitted_by", "user" + random.nextInt(3));
    }
    scheduling(body);
    if (!ids.isEmpty() && random.nextInt(3) == 0) {
      JsonArray deps = new JsonArray();
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        deps.add(ids.get(random.nextInt(ids.size())));
      }
      body.put("depends_on", deps);
      if (random.nextBoolean()) {
        body.put("run_if", random.nextBoolean() ? "all_done" : "all_finished");
      }
    }
    return body;
  }

  /** A random priority and retry policy, each half of the time. */
  private void scheduling(JsonObject body) {
    if (random.nextBoolean()) {
      body.put("priority", random.nextInt(201) - 100);
    }
    if (random.nextBoolean()) {
      JsonArray on = new JsonArray();
      List.of("worker_lost", "stale", "exit_code")
          .forEach(
              c -> {
                if (random.nextBoolean()) {
                  on.add(c);
                }
              });
      body.put(
          "retry",
          new JsonObject()
              .put("max_attempts", 1 + random.nextInt(4))
              .put("backoff_seconds", random.nextInt(20))
              .put("on", on));
    }
  }

  /** Two to four nodes k0..kn, each depending on some earlier ones. */
  private JsonObject pipeline() {
    JsonArray nodes = new JsonArray();
    int n = 2 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      JsonObject node = new JsonObject().put("key", "k" + i).put("config_path", "demo.yaml");
      JsonArray deps = new JsonArray();
      for (int j = 0; j < i; j++) {
        if (random.nextBoolean()) {
          deps.add("k" + j);
        }
      }
      node.put("depends_on", deps);
      if (random.nextInt(4) == 0) {
        node.put("run_if", "all_done");
      }
      String host = List.of("", "w1", "w2").get(random.nextInt(3));
      if (!host.isEmpty()) {
        node.put("target_host", host);
      }
      scheduling(node);
      nodes.add(node);
    }
    return new JsonObject().put("name", "p" + random.nextInt(9)).put("jobs", nodes);
  }

  private JsonObject report(String id, JsonObject doc) {
    String worker = doc.getString("worker_id");
    boolean right = worker != null && random.nextInt(10) < 8;
    JsonObject r =
        new JsonObject()
            .put("job_id", id)
            .put("status", REPORTED[random.nextInt(REPORTED.length)])
            .put("worker_id", right ? worker : WORKERS.get(random.nextInt(WORKERS.size())));
    if (random.nextInt(4) > 0) {
      r.put("attempt", right ? doc.getInteger("attempt") : random.nextInt(3));
    }
    if (random.nextBoolean()) {
      r.put("container_id", "c" + random.nextInt(9)).put("container_name", "n" + random.nextInt(9));
    }
    if (random.nextBoolean()) {
      r.put("exit_code", random.nextInt(3)).put("error", random.nextBoolean() ? "boom" : null);
    }
    if (random.nextBoolean()) {
      r.put(
          "details",
          new JsonObject()
              .put("pid", random.nextInt(50_000))
              .put("slurm_state", random.nextBoolean() ? "PENDING" : "RUNNING")
              .put("slurm_gpus", random.nextInt(2))
              .put("nested", new JsonObject().put("x", random.nextDouble())));
    }
    return r;
  }

  private JsonObject opsBody() {
    JsonObject body = new JsonObject().put("force", random.nextBoolean());
    if (random.nextBoolean()) {
      body.put("reason", "because").put("operator", "ops" + random.nextInt(2));
    }
    if (random.nextInt(4) == 0) {
      body.put("preferred_host", WORKERS.get(random.nextInt(WORKERS.size())));
    }
    return body;
  }

  private RecoveryRequest decision(String id, JsonObject doc) {
    long version = doc.getLong("version") - (random.nextInt(4) == 0 ? 1 : 0);
    Staleness.Decision d =
        random.nextBoolean()
            ? new Staleness.Decision(Staleness.Action.REQUEUE, Mark.WORKER_OFFLINE, null)
            : new Staleness.Decision(Staleness.Action.FAIL, Mark.STALE_STATUS, "stale_status");
    return new RecoveryRequest(id, version, d);
  }

  private Future<JsonObject> status(String id) {
    return dispatch.status(id);
  }

  private static String kind(String what) {
    String[] words = what.split(" ");
    boolean twoWords = words[0].equals("ops") || (words[0].equals("pipeline") && words.length > 2);
    return twoWords ? words[0] + " " + words[1] : words[0];
  }

  /**
   * Waits for the operation and gives its result, or null for a refusal (4xx, part of the game);
   * anything else fails with the trace.
   */
  private <T> T call(String what, Future<T> operation) {
    trace.append(what);
    try {
      T result = TestCoordinator.await(operation);
      trace.append(" ok\n");
      outcomes.computeIfAbsent(kind(what), k -> new int[2])[0]++;
      return result;
    } catch (AssertionError e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiFailure f && f.status() >= 400 && f.status() < 500) {
        trace.append(" ").append(f.status()).append('\n');
        outcomes.computeIfAbsent(kind(what), k -> new int[2])[1]++;
        return null;
      }
      throw new AssertionError("operation '" + what + "' failed; trace:\n" + trace, e);
    }
  }
}
