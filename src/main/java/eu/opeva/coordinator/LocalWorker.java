package eu.opeva.coordinator;

import eu.opeva.coordinator.agent.Agent;
import eu.opeva.coordinator.agent.AgentSettings;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;

/**
 * The built-in worker of {@code serve --local-worker}: one {@link Agent} with the process runner,
 * deployed in the coordinator's Vert.x instance and talking to the coordinator over HTTP on its
 * loopback address, exactly as a remote agent would.
 */
final class LocalWorker {
  private LocalWorker() {}

  static AgentSettings settings(Settings config, int port) {
    String host = config.http().host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      host = "127.0.0.1";
    }
    URI server =
        URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    Settings.LocalWorker local = config.localWorker();
    // Heartbeats are free on loopback; a shorter interval makes stops of local jobs prompt.
    var timings = AgentSettings.Timings.DEFAULT;
    timings =
        new AgentSettings.Timings(
            Duration.ofSeconds(5),
            timings.statusRefresh(),
            timings.pollWait(),
            timings.stopGrace(),
            timings.retryMin(),
            timings.retryMax());
    return AgentSettings.of(server, local.workerId(), config.storage().sharedRoot())
        .withSlots(local.slots())
        .withTimings(timings);
  }

  /** Deploys the agent; the future holds the deployment id to undeploy it with. */
  static Future<String> deploy(Vertx vertx, Settings config, int port, String token) {
    return vertx.deployVerticle(new Agent(settings(config, port).withToken(token)));
  }
}
