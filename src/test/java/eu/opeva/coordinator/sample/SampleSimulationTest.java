package eu.opeva.coordinator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The sample simulation behaves like the real simulator")
class SampleSimulationTest {
  @TempDir Path data;
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  private int run(String config, AtomicBoolean stop, String... extra) throws Exception {
    Files.createDirectories(data.resolve("configs"));
    Files.writeString(data.resolve("configs/exp.yaml"), config);
    String[] args = new String[4 + extra.length];
    args[0] = "--config";
    args[1] = "/data/configs/exp.yaml";
    args[2] = "--job_id";
    args[3] = "job-1";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return SampleSimulation.run(args, Map.of("OPEVA_DATA_DIR", data.toString()), out, stop);
  }

  private JsonObject json(String relative) throws Exception {
    return new JsonObject(Files.readString(data.resolve("jobs/job-1").resolve(relative)));
  }

  @Test
  @DisplayName(
      "runs the configured episodes, logs each, and writes progress and results under /data")
  void runsEpisodes() throws Exception {
    int code =
        run(
            "simulation:\n  episodes: 4\n  seconds_per_episode: 0\n",
            new AtomicBoolean(),
            "--extra",
            "x");

    assertThat(code).isZero();
    assertThat(output.toString())
        .contains("episode 1/4", "episode 4/4", "finished", "ignoring argument --extra");
    JsonObject progress = json("progress/progress.json");
    assertThat(progress.getString("status")).isEqualTo("finished");
    assertThat(progress.getInteger("episode")).isEqualTo(4);
    assertThat(progress.getDouble("progress")).isEqualTo(1.0);
    JsonObject result = json("results/result.json");
    assertThat(result.getInteger("episodes")).isEqualTo(4);
    assertThat(result.getJsonArray("rewards")).hasSize(4);
  }

  @Test
  @DisplayName("defaults to 10 episodes when the config has no simulation section")
  void defaults() {
    assertThat(SimulationSettings.from(Map.of("experiment", Map.of("name", "x"))))
        .isEqualTo(new SimulationSettings(10, 0.2, null, 0, null));
  }

  @Test
  @DisplayName("exits non-zero at simulation.fail_at_episode, with the episodes before it done")
  void failsAtEpisode() throws Exception {
    int code =
        run(
            "simulation:\n  episodes: 5\n  seconds_per_episode: 0\n  fail_at_episode: 3\n",
            new AtomicBoolean());

    assertThat(code).isEqualTo(SimulationRun.EXIT_FAILED);
    assertThat(output.toString())
        .contains("episode 2/5", "simulated failure")
        .doesNotContain("episode 3/5 reward");
    assertThat(json("progress/progress.json").getString("status")).isEqualTo("failed");
    assertThat(data.resolve("jobs/job-1/results/result.json")).doesNotExist();
  }

  @Test
  @DisplayName("a stop request (SIGTERM) ends the run with 143 and progress 'stopped'")
  void stops() throws Exception {
    int code = run("simulation:\n  episodes: 5\n", new AtomicBoolean(true));

    assertThat(code).isEqualTo(SimulationRun.EXIT_STOPPED);
    assertThat(json("progress/progress.json").getString("status")).isEqualTo("stopped");
  }

  @Test
  @DisplayName("refuses a missing job id and an invalid setting with a message")
  void refusesBadInput() throws Exception {
    assertThat(
            SampleSimulation.run(
                new String[] {"--config", "x.yaml"}, Map.of(), out, new AtomicBoolean()))
        .isEqualTo(SampleSimulation.EXIT_USAGE);
    assertThat(run("simulation:\n  episodes: two\n", new AtomicBoolean()))
        .isEqualTo(SimulationRun.EXIT_FAILED);
    assertThat(output.toString()).contains("usage:", "simulation.episodes must be a number");
  }
}
