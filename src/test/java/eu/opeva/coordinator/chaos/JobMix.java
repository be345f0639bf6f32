package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The jobs of a chaos run. Each is quick (sleeps a moment and finishes), failing (exits 1, 3 or 7)
 * or long (runs for seconds, long enough to be stopped or killed). The same job runs as the quick
 * shell job {@code chaos-job.sh} (its behaviour from {@code --chaos-ms} and {@code --chaos-exit})
 * or, on the agents with the bundled sample simulation, from its config's {@code simulation}
 * section. Submissions draw priorities, retry policies and pinned hosts at random.
 */
final class JobMix {
  static final String SCRIPT =
      String.join(
          "\n",
          "# A chaos job: --config FILE --job_id ID [--chaos-ms N] [--chaos-exit CODE].",
          "ms=200",
          "code=0",
          "id=",
          "nap=",
          "while [ $# -ge 2 ]; do",
          "  case $1 in",
          "    --chaos-ms) ms=$2 ;;",
          "    --chaos-exit) code=$2 ;;",
          "    --job_id) id=$2 ;;",
          "  esac",
          "  shift 2",
          "done",
          "trap '[ -n \"$nap\" ] && kill \"$nap\" 2>/dev/null; echo \"chaos job $id: terminated\";"
              + " exit 143' TERM",
          "echo \"chaos job $id: ${ms} ms, then exit $code\"",
          "sleep \"$((ms / 1000)).$(printf %03d $((ms % 1000)))\" &",
          "nap=$!",
          "wait \"$nap\"",
          "exit \"$code\"",
          "");

  enum Kind {
    QUICK,
    FAIL,
    LONG;

    String config() {
      return "chaos-" + name().toLowerCase(java.util.Locale.ROOT) + ".yaml";
    }
  }

  private static final int[] EXIT_CODES = {1, 3, 7};
  private static final List<String> CAUSES = List.of("worker_lost", "stale", "exit_code");

  private final ChaosSettings settings;
  private final List<String> workers;

  JobMix(ChaosSettings settings, List<String> workers) {
    this.settings = settings;
    this.workers = workers;
  }

  /** Writes the configs under {@code shared/configs} and the job script; its command line. */
  String prepare(Path shared, Path runDir) throws IOException {
    Path configs = Files.createDirectories(shared.resolve("configs"));
    int longEpisodes = (int) Math.max(5, Math.round(settings.longMs().max() / 200));
    Files.writeString(configs.resolve(Kind.QUICK.config()), config("quick", 3, null));
    Files.writeString(configs.resolve(Kind.FAIL.config()), config("fail", 3, 2));
    Files.writeString(configs.resolve(Kind.LONG.config()), config("long", longEpisodes, null));
    Path script = runDir.resolve("chaos-job.sh");
    Files.writeString(script, SCRIPT);
    return "sh " + script.toAbsolutePath();
  }

  private static String config(String run, int episodes, Integer failAt) {
    return "experiment:\n  name: Chaos\n  run_name: "
        + run
        + "\nsimulation:\n  episodes: "
        + episodes
        + "\n  seconds_per_episode: "
        + (run.equals("long") ? "0.2" : "0.1")
        + (failAt == null ? "" : "\n  fail_at_episode: " + failAt)
        + "\n";
  }

  Kind kind(Random rng) {
    double r = rng.nextDouble();
    return r < 0.70 ? Kind.QUICK : r < 0.88 ? Kind.FAIL : Kind.LONG;
  }

  /** The fields of one job: its config, its behaviour, and maybe a priority, a retry policy. */
  JsonObject job(Random rng, boolean mayPin) {
    Kind kind = kind(rng);
    long ms =
        Math.round(kind == Kind.LONG ? settings.longMs().pick(rng) : settings.quickMs().pick(rng));
    int code = kind == Kind.FAIL ? EXIT_CODES[rng.nextInt(EXIT_CODES.length)] : 0;
    JsonObject body =
        new JsonObject()
            .put("config_path", kind.config())
            .put(
                "extra_args",
                new JsonArray()
                    .add("--chaos-ms")
                    .add(String.valueOf(ms))
                    .add("--chaos-exit")
                    .add(String.valueOf(code)));
    if (rng.nextDouble() < 0.3) {
      body.put("priority", rng.nextInt(11) - 5);
    }
    if (rng.nextDouble() < 0.35) {
      body.put("retry", retry(rng, kind == Kind.FAIL));
    }
    if (mayPin && rng.nextDouble() < 0.08) {
      body.put("target_host", workers.get(rng.nextInt(workers.size())));
    }
    return body;
  }

  /** A retry policy; one for a failing job mostly retries its exit code. */
  private static JsonObject retry(Random rng, boolean failing) {
    JsonObject retry =
        new JsonObject()
            .put("max_attempts", 1 + rng.nextInt(4))
            .put("backoff_seconds", Math.round(rng.nextDouble() * 80 + 20) / 100.0)
            .put("max_backoff_seconds", 2);
    if (rng.nextDouble() < 0.8) {
      JsonArray on = new JsonArray();
      for (String cause : CAUSES) {
        if (rng.nextBoolean() || failing && cause.equals("exit_code") && rng.nextDouble() < 0.5) {
          on.add(cause);
        }
      }
      retry.put("on", on);
      if (on.contains("exit_code") && rng.nextBoolean()) {
        retry.put("exit_codes", new JsonArray().add(3));
      }
    }
    return retry;
  }

  /** A pipeline of 2 to 5 jobs, each depending on some earlier ones. */
  JsonObject pipeline(Random rng) {
    int n = 2 + rng.nextInt(4);
    JsonArray nodes = new JsonArray();
    for (int i = 0; i < n; i++) {
      JsonObject node = job(rng, false).put("key", "n" + (i + 1));
      JsonArray deps = new JsonArray();
      for (int d = 0; d < i; d++) {
        if (rng.nextDouble() < 0.5) {
          deps.add("n" + (d + 1));
        }
      }
      if (!deps.isEmpty()) {
        node.put("depends_on", deps);
        runIf(rng, node);
      }
      nodes.add(node);
    }
    return new JsonObject().put("name", "chaos").put("jobs", nodes);
  }

  static void runIf(Random rng, JsonObject body) {
    double r = rng.nextDouble();
    if (r < 0.4) {
      body.put("run_if", "all_done");
    } else if (r < 0.7) {
      body.put("run_if", "all_finished");
    }
  }
}
