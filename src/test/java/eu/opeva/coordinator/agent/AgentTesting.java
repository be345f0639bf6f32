package eu.opeva.coordinator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Agents with quick timings against a {@link TestCoordinator}, and bounded waits for real
 * processes.
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
    JsonObject body =
        new JsonObject()
            .put(
                "config",
                new JsonObject()
                    .put(
                        "experiment",
                        new JsonObject().put("name", "Sample").put("run_name", "test"))
                    .put("simulation", simulation));
    if (host != null) {
      body.put("target_host", host);
    }
    if (resources != null) {
      body.put("resources", resources);
    }
    var reply = tc.post("/run-simulation", body);
    assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(200);
    return reply.bodyAsJsonObject().getString("job_id");
  }

  public static JsonObject sim(int episodes, double secondsPerEpisode) {
    return new JsonObject().put("episodes", episodes).put("seconds_per_episode", secondsPerEpisode);
  }

  public static JsonObject status(TestCoordinator tc, String jobId) {
    return tc.get("/status/" + jobId).bodyAsJsonObject();
  }

  public static JsonObject awaitStatus(TestCoordinator tc, String jobId, String status) {
    return eventually(
        Duration.ofSeconds(30),
        () -> {
          JsonObject doc = status(tc, jobId);
          return status.equals(doc.getString("status")) ? doc : null;
        });
  }

  /** Polls until the probe gives a value (real processes must progress); fails after the limit. */
  public static <T> T eventually(Duration limit, Supplier<T> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public static boolean processGone(long pid) {
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }

  public static Path log(TestCoordinator tc, String jobId) {
    return tc.root.resolve("jobs/" + jobId + "/logs/" + jobId + ".log");
  }
}
