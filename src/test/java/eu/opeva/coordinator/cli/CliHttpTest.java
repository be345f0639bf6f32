package eu.opeva.coordinator.cli;

import eu.opeva.coordinator.testing.CoordinatorHttpTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Base of the client's tests: a live coordinator on port 0, and the command line run in this JVM
 * against it ({@code OPEVA_URL}), with a HOME of its own so no real config file is read.
 */
abstract class CliHttpTest extends CoordinatorHttpTest {
  /** The client's environment: HOME in the test's folder and the coordinator's URL. */
  protected Map<String, String> cliEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home().toString());
    env.put("OPEVA_URL", url());
    return env;
  }

  protected String url() {
    return "http://127.0.0.1:" + tc.port();
  }

  protected Path home() {
    Path home = root.resolveSibling(root.getFileName() + "-cli-home");
    try {
      return Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected CliRun.Result opeva(String... args) {
    return CliRun.run(cliEnv(), tc.clock, false, args);
  }

  protected CliRun.Result opeva(Map<String, String> env, String... args) {
    return CliRun.run(env, tc.clock, false, args);
  }

  /** A run in another thread, for commands that wait while the test drives the job. */
  protected CompletableFuture<CliRun.Result> opevaAsync(String... args) {
    Map<String, String> env = cliEnv();
    return CompletableFuture.supplyAsync(() -> CliRun.run(env, tc.clock, false, args));
  }

  /** A local file for the client (a config, a pipeline), in the test's folder. */
  protected Path file(String name, String text) {
    try {
      Path f = home().resolve(name);
      Files.createDirectories(f.getParent());
      return Files.writeString(f, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
