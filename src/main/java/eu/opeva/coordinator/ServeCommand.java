package eu.opeva.coordinator;

import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsException;
import eu.opeva.coordinator.settings.SettingsLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs the coordinator until SIGTERM/SIGINT, then shuts down cleanly. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the coordinator service.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--config", description = "YAML file overriding conf/coordinator.yaml")
  Path config;

  @Option(
      names = "--local-worker",
      description =
          "Also run an agent for host 'local' in this process "
              + "(process runner; same as LOCAL_WORKER=true)")
  boolean localWorker;

  @Option(
      names = "--demo-data",
      description =
          "Fill the embedded MongoDB (used when none is configured)"
              + " with a generated demo site. Same as DEMO_DATA=true.")
  boolean demoData;

  @Override
  public Integer call() throws Exception {
    Settings cfg;
    try {
      cfg = SettingsLoader.load(Optional.ofNullable(config), System.getenv());
      if (localWorker && !cfg.hosts().isKnown(cfg.localWorker().workerId())) {
        throw new SettingsException(
            "--local-worker: the local worker '"
                + cfg.localWorker().workerId()
                + "' must be one of hosts.available "
                + cfg.hosts().available());
      }
      cfg = localWorker ? cfg.withLocalWorker(true) : cfg;
      if (demoData) {
        cfg = cfg.withDemoData(true);
      }
    } catch (SettingsException e) {
      System.err.println("opeva-coordinator: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Coordinator coordinator = new Coordinator(vertx, cfg, Clock.systemUTC());
    // Another coordinator took the shared directory: this one must stop writing at once.
    coordinator.onLeaseLost(() -> new Thread(() -> System.exit(3), "opeva-lease-lost").start());
    try {
      coordinator.start().await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      System.err.println("opeva-coordinator: failed to start: " + e.getMessage());
      vertx.close().await(30, TimeUnit.SECONDS);
      return 1;
    }
    LOG.info(ReadyLine.of(cfg, coordinator.port()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    // Close Vert.x only after the coordinator has stopped, and from this thread: a
                    // future chained on
                    // a verticle's context could never complete once that context's event loop is
                    // closed.
                    coordinator.stop().await(60, TimeUnit.SECONDS);
                    vertx.close().await(30, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    System.err.println("opeva-coordinator: unclean shutdown: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "opeva-shutdown"));
    stopped.await();
    return 0;
  }
}
