package eu.opeva.coordinator.testing;

import eu.opeva.coordinator.storage.StorageFaults;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of every HTTP test: a real coordinator on port 0 over a temp shared root, with an injected
 * clock and a {@link JobDriver}. A test class configures it through two hooks: {@link #env()} for
 * environment overrides and {@link #seed()} for the files written before the coordinator starts.
 */
@ExtendWith(VertxExtension.class)
public abstract class CoordinatorHttpTest {
  /** The demo config that {@link #seed()} writes and {@link JobDriver} submits. */
  protected static final String DEMO_YAML = "experiment:\n  name: Demo\n  run_name: Run1\n";

  @TempDir protected Path root;
  protected final MutableClock clock = new MutableClock();
  protected TestCoordinator tc;

  /** Submits jobs and moves them through their states over HTTP, as users and agents would. */
  protected JobDriver jobs;

  /** Environment overrides for this test class. */
  protected Map<String, String> env() {
    return Map.of();
  }

  /** Storage faults injected into the coordinator's job-state writes (none by default). */
  protected StorageFaults faults() {
    return StorageFaults.NONE;
  }

  /**
   * Files to write under the shared root before the coordinator starts (path relative to the root,
   * then text); {@code configs/} itself always exists. By default the demo config.
   */
  protected Map<String, String> seed() {
    return Map.of("configs/" + JobDriver.DEMO_CONFIG, DEMO_YAML);
  }

  @BeforeEach
  void startCoordinator(Vertx vertx) throws Exception {
    Files.createDirectories(root.resolve("configs"));
    for (var file : seed().entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    tc = new TestCoordinator(vertx, root, clock, env()).withFaults(faults());
    tc.startCoordinator();
    jobs = new JobDriver(tc);
  }

  @AfterEach
  void stopCoordinator() {
    if (tc != null) {
      tc.close();
    }
  }
}
