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
 * Random operations on a dispatch verticle over the bus: submissions, polls, reports (right and
 * fenced), stops, operator actions, re-runs, deletes, undelivered dispatches, monitor decisions and
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
      } else if (pick < 63) {
        call("report " + id, status(id).compose(doc -> dispatch.report(report(id, doc))));
      } else if (pick < 68) {
        call("stop " + id, dispatch.stop(id));
      } else if (pick < 78) {
        String action = List.of("requeue", "fail", "cancel", "stop").get(random.nextInt(4));
        call("ops " + action + " " + id, dispatch.opsJob(action, id, opsBody()));
      } else if (pick < 82) {
        JsonObject r = call("rerun " + id, dispatch.rerun(id, new JsonObject()));
        if (r != null) {
          ids.add(r.getString("job_id"));
        }
      } else if (pick < 86) {
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
    return body;
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
    return words[0].equals("ops") ? "ops " + words[1] : words[0];
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
