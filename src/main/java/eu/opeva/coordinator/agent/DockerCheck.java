package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker runner's check at start: {@code docker info} must reach a daemon. The CLI alone is not
 * enough (without a daemon every job would fail with exit code 125). Runs on the agent's pool.
 */
final class DockerCheck {
  static final List<String> COMMAND = List.of("docker", "info", "--format", "{{.ServerVersion}}");
  private static final long TIMEOUT_SECONDS = 30;
  private static final int MAX_MESSAGE = 400;

  private DockerCheck() {}

  /** The daemon's version; a failure whose message says what {@code docker info} said. */
  static Future<String> run(BlockingIo io) {
    return io.run(DockerCheck::check);
  }

  private static String check() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(COMMAND).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("the docker command cannot be run (" + e.getMessage() + ")");
    }
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "`docker info` did not answer within " + TIMEOUT_SECONDS + " s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      String said = out.isEmpty() ? "" : ": " + oneLine(out);
      throw new IllegalStateException(
          "`docker info` failed (exit code " + p.exitValue() + ")" + said);
    }
    return out;
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "...";
  }
}
