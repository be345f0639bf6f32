package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.Eventually;
import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents with quick timings against a {@link TestCoordinator}; jobs are submitted and awaited
 * through the {@link JobDriver}.
 */
public final class AgentTesting {
  public static final AgentSettings.Timings QUICK =
      new AgentSettings.Timings(
          Duration.ofMillis(200),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          Duration.ofSeconds(1));

  private AgentTesting() {}

  public static AgentSettings settings(TestCoordinator tc, String workerId, int slots) {
    return AgentSettings.of(URI.create("http://127.0.0.1:" + tc.port()), workerId, tc.root)
        .withSlots(slots)
        .withTimings(QUICK);
  }

  /** A deployed agent: the verticle and its deployment id. */
  public record Deployed(Agent agent, String id) {
    public JsonObject state() {
      return TestCoordinator.await(agent.state());
    }
  }

  public static Deployed deploy(Vertx vertx, AgentSettings settings) {
    Agent agent = new Agent(settings);
    return new Deployed(agent, TestCoordinator.await(vertx.deployVerticle(agent)));
  }

  public static void undeploy(Vertx vertx, Deployed d) {
    TestCoordinator.await(vertx.undeploy(d.id()));
  }

  /** Submits an inline sample-simulation config; returns the job id. */
  public static String submitSample(
      TestCoordinator tc, String host, JsonObject simulation, JsonObject resources) {
    JsonObject fields =
        new JsonObject()
            .put(
                "config",
                new JsonObject()
                    .put(
                        "experiment",
                        new JsonObject().put("name", "Sample").put("run_name", "test"))
                    .put("simulation", simulation));
    if (host != null) {
      fields.put("target_host", host);
    }
    if (resources != null) {
      fields.put("resources", resources);
    }
    return new JobDriver(tc).submit(fields);
  }

  public static JsonObject sim(int episodes, double secondsPerEpisode) {
    return new JsonObject().put("episodes", episodes).put("seconds_per_episode", secondsPerEpisode);
  }

  /** Waits until the job, run by a real process, is in {@code status}; its status document. */
  public static JsonObject awaitStatus(TestCoordinator tc, String jobId, String status) {
    return new JobDriver(tc).awaitStatus(jobId, status);
  }

  public static boolean processGone(long pid) {
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }

  public static Path log(TestCoordinator tc, String jobId) {
    return new JobDriver(tc).logFile(jobId);
  }

  /** The state folder of {@code workerId} (the default one, in the shared directory). */
  public static Path stateDir(TestCoordinator tc, String workerId) {
    return AgentSettings.defaultStateDir(tc.root, workerId);
  }

  /** The lines of the run journal in {@code stateDir}. */
  public static List<JsonObject> journal(Path stateDir) {
    Path file = stateDir.resolve("journal.jsonl");
    try {
      return Files.exists(file)
          ? Files.readAllLines(file).stream().map(JsonObject::new).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The journal lines of one job. */
  public static List<JsonObject> journal(Path stateDir, String jobId) {
    return journal(stateDir).stream().filter(l -> jobId.equals(l.getString("job_id"))).toList();
  }

  /** The pid in the run record of a job's attempt, once the record exists. */
  public static long recordedPid(TestCoordinator tc, String workerId, String jobId, int attempt) {
    Path record = stateDir(tc, workerId).resolve("runs/" + jobId + "-" + attempt + ".json");
    return Eventually.eventually(
        Duration.ofSeconds(20),
        () -> {
          try {
            return Files.exists(record)
                ? new JsonObject(Files.readString(record)).getLong("pid")
                : null;
          } catch (IOException | RuntimeException e) {
            return null;
          }
        });
  }

  /**
   * What the fault-injection suite checks: per job, every attempt started here ended (or was found
   * as a leftover) before the next one started.
   */
  public static void assertOneAttemptAtATime(List<JsonObject> journal) {
    Map<String, JsonObject> running = new HashMap<>();
    for (JsonObject line : journal) {
      String job = line.getString("job_id");
      switch (line.getString("event")) {
        case "started" ->
            assertThat(running.put(job, line))
                .as("attempt %s of job %s started while another ran", line.getValue("attempt"), job)
                .isNull();
        case "ended", "leftover" -> {
          JsonObject open = running.get(job);
          if (open != null && open.getValue("attempt").equals(line.getValue("attempt"))) {
            running.remove(job);
          }
        }
        default -> throw new AssertionError("unknown journal event: " + line.encode());
      }
    }
  }
}
