package eu.opeva.coordinator.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A stand-in for the OPEVA simulator container, for hosts and tests without the real image: {@code
 * --config FILE --job_id ID}, artefacts under {@code $OPEVA_DATA_DIR/jobs/<id>/} (the container's
 * {@code /data} when unset), SIGTERM ends it after the current episode with exit 143.
 */
public final class SampleSimulation {
  static final String DATA_DIR_ENV = "OPEVA_DATA_DIR";
  static final String CONTAINER_DATA = "/data";
  static final int EXIT_USAGE = 2;

  private SampleSimulation() {}

  public static void main(String[] args) {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!done.get()) {
                    stop.set(true);
                    try {
                      main.join(5_000); // let the loop record "stopped" before the JVM goes
                    } catch (InterruptedException ignored) {
                      Thread.currentThread().interrupt();
                    }
                  }
                },
                "sample-simulation-sigterm"));
    int code = run(args, System.getenv(), System.out, stop);
    done.set(true);
    System.out.flush();
    if (!stop.get()) {
      System.exit(code); // after a SIGTERM the JVM is already exiting (143) once this thread ends
    }
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, AtomicBoolean stop) {
    String configArg = null;
    String jobId = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value =
          arg.contains("=")
              ? arg.substring(arg.indexOf('=') + 1)
              : i + 1 < args.length ? args[i + 1] : null;
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (name) {
        case "--config" -> configArg = value;
        case "--job_id", "--job-id" -> jobId = value;
        default -> {
          out.println("ignoring argument " + arg);
          continue;
        }
      }
      if (!arg.contains("=")) {
        i++;
      }
    }
    if (configArg == null || jobId == null || !jobId.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
      out.println("usage: sample-simulation --config FILE --job_id ID");
      return EXIT_USAGE;
    }
    Path dataDir = Path.of(env.getOrDefault(DATA_DIR_ENV, CONTAINER_DATA));
    try {
      Path configFile = toHostPath(configArg, dataDir);
      out.println("config " + configFile);
      Object config =
          new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(configFile));
      SimulationSettings settings = SimulationSettings.from(config);
      return new SimulationRun(
              jobId, dataDir.resolve("jobs").resolve(jobId), settings, out, stop, env)
          .run();
    } catch (IOException | RuntimeException e) {
      out.println("sample simulation failed: " + e);
      return SimulationRun.EXIT_FAILED;
    }
  }

  /** {@code /data/...} names the shared directory wherever it is mounted. */
  static Path toHostPath(String path, Path dataDir) {
    if (path.equals(CONTAINER_DATA) || path.startsWith(CONTAINER_DATA + "/")) {
      return dataDir.resolve(path.substring(CONTAINER_DATA.length()).replaceFirst("^/", ""));
    }
    return Path.of(path);
  }
}
