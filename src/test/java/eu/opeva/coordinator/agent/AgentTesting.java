package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

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
}
