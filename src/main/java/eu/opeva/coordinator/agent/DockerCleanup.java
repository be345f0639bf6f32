package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers an earlier life of this agent left behind: every container labelled {@code
 * opeva.worker=<worker id>} (at start the agent runs none yet) is stopped with the grace, then
 * removed. Without a working Docker CLI there is nothing to clean (logged).
 */
final class DockerCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(DockerCleanup.class);
  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);

  /** A container found: its id, name, and the job and attempt of its labels (null if absent). */
  record Container(String id, String name, String jobId, Integer attempt) {}

  private final BlockingIo io;
  private final Context context;

  DockerCleanup(BlockingIo io, Context context) {
    this.io = io;
    this.context = context;
  }

  static List<String> listCommand(String workerId) {
    return List.of(
        "docker",
        "ps",
        "-a",
        "--filter",
        "label=opeva.worker=" + workerId,
        "--format",
        "{{.ID}}\t{{.Names}}\t{{.Label \"opeva.job\"}}\t{{.Label \"opeva.attempt\"}}");
  }

  static List<String> stopCommand(List<String> ids, Duration grace) {
    List<String> cmd =
        new ArrayList<>(
            List.of("docker", "stop", "--time", String.valueOf(Math.max(0, grace.toSeconds()))));
    cmd.addAll(ids);
    return List.copyOf(cmd);
  }

  static List<String> removeCommand(List<String> ids) {
    List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f"));
    cmd.addAll(ids);
    return List.copyOf(cmd);
  }

  /** The containers of {@code docker ps} output in the format of {@link #listCommand}. */
  static List<Container> parse(String output) {
    List<Container> found = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] f = line.strip().split("\t", -1);
      if (f.length < 2 || f[0].isBlank()) {
        continue;
      }
      String job = f.length > 2 && SafeNames.isJobId(f[2].strip()) ? f[2].strip() : null;
      Integer attempt = null;
      if (f.length > 3 && f[3].strip().matches("\\d{1,9}")) {
        attempt = Integer.valueOf(f[3].strip());
      }
      found.add(new Container(f[0].strip(), f[1].strip(), job, attempt));
    }
    return found;
  }

  /** Stops and removes this worker's containers; completes with those found. */
  Future<List<Container>> clean(String workerId, Duration grace) {
    return run(listCommand(workerId), LIST_TIMEOUT)
        .map(DockerCleanup::parse)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(found);
              }
              List<String> ids = found.stream().map(Container::id).toList();
              LOG.warn("stopping and removing containers left by an earlier run: {}", found);
              return run(stopCommand(ids, grace), grace.plus(LIST_TIMEOUT))
                  .otherwiseEmpty()
                  .compose(v -> run(removeCommand(ids), LIST_TIMEOUT).otherwiseEmpty())
                  .map(v -> found);
            })
        .recover(
            e -> {
              LOG.warn("could not look for containers left by an earlier run: {}", e.getMessage());
              return Future.succeededFuture(List.of());
            });
  }

  /** Runs a docker command; its output, or a failure when it exits non-zero or times out. */
  private Future<String> run(List<String> command, Duration timeout) {
    return io.run(() -> new ProcessBuilder(command).redirectErrorStream(true).start())
        .compose(
            p -> {
              Promise<String> done = Promise.promise();
              long timer = io.vertx().setTimer(timeout.toMillis(), t -> p.destroyForcibly());
              Future<String> output =
                  io.run(
                      () -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              JobProcess.exitCode(p, context)
                  .onComplete(
                      code -> {
                        io.vertx().cancelTimer(timer);
                        output.onComplete(
                            out -> {
                              if (code.succeeded() && code.result() == 0 && out.succeeded()) {
                                done.complete(out.result());
                              } else {
                                done.fail(String.join(" ", command) + " failed: " + out.result());
                              }
                            });
                      });
              return done.future();
            });
  }
}
