package eu.opeva.coordinator.reliability;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.testing.CoordinatorProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A schedule run cut short by a kill -9 is submitted exactly once")
class ScheduleKillRestartTest {
  /** The exit code of an injected scheduler halt ({@code SCHEDULER_FAULT_HALT}). */
  private static final int HALTED = 86;

  /** The jobs on shared storage made by the schedule: job id to planned time (epoch ms). */
  private static Map<String, Long> jobsOf(Path root, String scheduleId) throws Exception {
    Map<String, Long> out = new HashMap<>();
    Path jobs = root.resolve("jobs");
    if (!Files.isDirectory(jobs)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(jobs)) {
      for (Path dir : dirs.toList()) {
        JsonObject info = JsonFiles.readObjectOrNull(dir.resolve("job_info.json"));
        if (info != null && scheduleId.equals(info.getString("schedule_id"))) {
          out.put(
              dir.getFileName().toString(), EpochTime.parseMillis(info.getValue("scheduled_for")));
        }
      }
    }
    return out;
  }

  private static JsonArray runsOnDisk(Path root, String id) {
    JsonObject file = JsonFiles.readObjectOrNull(root.resolve("schedules").resolve(id + ".json"));
    return file.getJsonArray("runs");
  }

  @Test
  @DisplayName(
      "killed after recording a run, then after dispatch made its job, the next start records that job: one job for the planned time")
  void haltBetweenRecordAndSubmit(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("shared");
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n  run_name: R\n");
    try (CoordinatorProcess c =
        new CoordinatorProcess(root, Map.of("SCHEDULER_FAULT_HALT", "after_record")).start()) {
      // Every second (six fields), with the real clock and the scheduler's own timer.
      JsonObject body =
          new JsonObject()
              .put("name", "each-second")
              .put("cron", "* * * * * *")
              .put("job", new JsonObject().put("config_path", "demo.yaml"));
      var created = c.call("POST", "/schedules", body.encode());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = new JsonObject(created.body()).getString("schedule_id");

      // 1. The first run is recorded, then the JVM halts before submitting it.
      assertThat(c.awaitExit(Duration.ofSeconds(30))).isEqualTo(HALTED);
      JsonArray runs = runsOnDisk(root, id);
      assertThat(runs).hasSize(1);
      assertThat(runs.getJsonObject(0).getString("state")).isEqualTo("submitting");
      long planned = EpochTime.parseMillis(runs.getJsonObject(0).getValue("scheduled_for"));
      assertThat(jobsOf(root, id)).isEmpty();

      // 2. The next start submits it again, dispatch makes the job, the JVM halts before the
      // outcome is recorded.
      c.env("SCHEDULER_FAULT_HALT", "after_submit").launch();
      assertThat(c.awaitExit(Duration.ofSeconds(60))).isEqualTo(HALTED);
      Map<String, Long> made = jobsOf(root, id);
      assertThat(made.values()).containsExactly(planned);
      assertThat(runsOnDisk(root, id).getJsonObject(0).getString("state")).isEqualTo("submitting");

      // 3. The next start submits it again with the same key: dispatch answers with that job.
      c.env("SCHEDULER_FAULT_HALT", "none").start();
      String job = made.keySet().iterator().next();
      JsonObject first =
          eventually(
              Duration.ofSeconds(30),
              () -> {
                try {
                  JsonObject s = new JsonObject(c.call("GET", "/schedules/" + id, null).body());
                  JsonArray newest = s.getJsonArray("runs");
                  JsonObject oldest = newest.getJsonObject(newest.size() - 1);
                  return "submitted".equals(oldest.getString("state")) ? oldest : null;
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
      assertThat(first.getString("job_id")).isEqualTo(job);
      assertThat(c.call("POST", "/schedules/" + id + "/pause", null).statusCode()).isEqualTo(200);
      // Later planned times were skipped (overlap skip: that job is still queued).
      Map<String, Long> after = jobsOf(root, id);
      assertThat(after).containsOnlyKeys(job);
      List<String> states =
          runsOnDisk(root, id).stream().map(r -> ((JsonObject) r).getString("state")).toList();
      assertThat(states.get(0)).isEqualTo("submitted");
      assertThat(states.subList(1, states.size())).containsOnly("skipped");
      c.kill();
    }
  }
}
