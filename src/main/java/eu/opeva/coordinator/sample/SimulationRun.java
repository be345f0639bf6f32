package eu.opeva.coordinator.sample;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The episode loop of the sample simulation: log lines on stdout, {@code progress/progress.json}
 * after every episode, {@code results/result.json} at the end, all under the job's folder.
 */
final class SimulationRun {
  static final int EXIT_FAILED = 1;
  static final int EXIT_STOPPED = 143;

  private final String jobId;
  private final Path jobDir;
  private final SimulationSettings settings;
  private final PrintStream out;
  private final AtomicBoolean stopRequested;
  private final java.util.Map<String, String> env;

  SimulationRun(
      String jobId,
      Path jobDir,
      SimulationSettings settings,
      PrintStream out,
      AtomicBoolean stopRequested,
      java.util.Map<String, String> env) {
    this.env = env;
    this.jobId = jobId;
    this.jobDir = jobDir;
    this.settings = settings;
    this.out = out;
    this.stopRequested = stopRequested;
  }

  int run() throws IOException {
    int episodes = settings.episodes();
    byte[][] held = hold(settings.memoryMb());
    out.printf(
        "sample simulation %s: %d episodes of %.2f s%s%n",
        jobId,
        episodes,
        settings.secondsPerEpisode(),
        held.length > 0 ? ", holding " + held.length + " MB" : "");
    Random random = new Random(jobId.hashCode());
    JsonArray rewards = new JsonArray();
    double total = 0;
    double started = now();
    for (int episode = 1; episode <= episodes; episode++) {
      if (settings.failAtEpisode() != null && episode == settings.failAtEpisode()) {
        out.printf(
            "episode %d/%d: simulated failure (simulation.fail_at_episode)%n", episode, episodes);
        writeProgress("failed", episode - 1, episodes, null);
        return EXIT_FAILED;
      }
      if (!pause(settings.secondsPerEpisode())) {
        return stopped(episode - 1, episodes);
      }
      double reward = Math.round((-100 + 8.0 * episode + random.nextGaussian() * 5) * 100) / 100.0;
      rewards.add(reward);
      total += reward;
      out.printf("episode %d/%d reward=%.2f%n", episode, episodes, reward);
      writeProgress("running", episode, episodes, reward);
    }
    JsonObject children = null;
    if (settings.spawnChildren() != null) {
      JsonObject answer = FollowUps.submit(jobId, settings.spawnChildren(), env);
      children = answer.getJsonObject("jobs");
      out.printf(
          "submitted %d follow-up jobs (pipeline %s)%n",
          children.size(), answer.getString("pipeline_id"));
    }
    JsonObject result =
        new JsonObject()
            .put("job_id", jobId)
            .put("children", children)
            .put("status", "finished")
            .put("episodes", episodes)
            .put("total_reward", round(total))
            .put("mean_reward", episodes == 0 ? null : round(total / episodes))
            .put("rewards", rewards)
            .put("started_at", started)
            .put("finished_at", now());
    writeAtomically(jobDir.resolve("results/result.json"), result);
    writeProgress("finished", episodes, episodes, null);
    out.printf("finished: total reward %.2f%n", total);
    return 0;
  }

  private int stopped(int done, int episodes) throws IOException {
    out.printf("stop requested (SIGTERM) after %d/%d episodes%n", done, episodes);
    writeProgress("stopped", done, episodes, null);
    return EXIT_STOPPED;
  }

  /** Sleeps for one episode; false when a stop was requested meanwhile. */
  private boolean pause(double seconds) {
    long until = System.nanoTime() + Math.round(seconds * 1e9);
    while (!stopRequested.get()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private void writeProgress(String status, int episode, int episodes, Double reward)
      throws IOException {
    JsonObject progress =
        new JsonObject()
            .put("job_id", jobId)
            .put("status", status)
            .put("episode", episode)
            .put("episodes", episodes)
            .put("progress", episodes == 0 ? 1.0 : round((double) episode / episodes))
            .put("reward", reward)
            .put("updated_at", now());
    writeAtomically(jobDir.resolve("progress/progress.json"), progress);
  }

  /** Readers (the coordinator, users) never see a half-written file. */
  private static void writeAtomically(Path file, JsonObject json) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, json.encodePrettily(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[][] hold(int megabytes) {
    byte[][] blocks = new byte[megabytes][];
    for (int i = 0; i < megabytes; i++) {
      blocks[i] = new byte[1 << 20];
      java.util.Arrays.fill(blocks[i], (byte) 1);
    }
    return blocks;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
