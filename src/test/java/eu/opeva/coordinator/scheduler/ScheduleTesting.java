package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.domain.EpochTime;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.testing.JobDriver;
import eu.opeva.coordinator.testing.MutableClock;
import eu.opeva.coordinator.testing.Scrape;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Schedules over HTTP and the scheduler's tick, for tests that move an injected clock. */
final class ScheduleTesting {
  private final TestCoordinator tc;
  private final MutableClock clock;

  ScheduleTesting(TestCoordinator tc) {
    this.tc = tc;
    this.clock = tc.clock;
  }

  /**
   * A schedule body that runs the demo config, with overlap {@code allow} (the jobs of these tests
   * stay queued: no worker takes them).
   */
  static JsonObject schedule(String name, String cron) {
    return new JsonObject()
        .put("name", name)
        .put("cron", cron)
        .put("overlap", "allow")
        .put("job", new JsonObject().put("config_path", JobDriver.DEMO_CONFIG));
  }

  /** Creates it (201 expected); the answer. */
  JsonObject create(JsonObject body) {
    var r = tc.post("/schedules", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  String createId(JsonObject body) {
    return create(body).getString("schedule_id");
  }

  JsonObject get(String id) {
    var r = tc.get("/schedules/" + id);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  JsonObject post(String path) {
    var r = tc.post(path, null);
    assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The coordinator's metrics now. */
  Scrape metrics() {
    var r = tc.get("/metrics");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return new Scrape(r.bodyAsString());
  }

  /** Evaluates what is due at the clock's time now, and waits until it was done. */
  void tick() {
    TestCoordinator.await(new SchedulerClient(tc.vertx).tick());
  }

  /** Moves the clock by {@code step} and ticks, until it reaches {@code end}. */
  void stepUntil(Instant end, Duration step) {
    while (clock.instant().isBefore(end)) {
      clock.advance(step);
      tick();
    }
  }

  /** The schedule's runs, oldest first. */
  List<JsonObject> runs(String id) {
    List<JsonObject> runs = new ArrayList<>();
    get(id).getJsonArray("runs").forEach(r -> runs.add((JsonObject) r));
    Collections.reverse(runs);
    return runs;
  }

  /** The planned times of the runs in a state, oldest first, as wall-clock times of the zone. */
  List<String> local(String id, String state) {
    return runs(id).stream()
        .filter(r -> state.equals(r.getString("state")))
        .map(r -> r.getString("scheduled_for_local"))
        .toList();
  }

  /** The planned times of the runs in a state, oldest first, as instants. */
  List<String> planned(String id, String state) {
    return runs(id).stream()
        .filter(r -> state.equals(r.getString("state")))
        .map(r -> instant(r.getValue("scheduled_for")))
        .toList();
  }

  static String instant(Object epochSeconds) {
    return Instant.ofEpochMilli(EpochTime.parseMillis(epochSeconds)).toString();
  }

  /**
   * The jobs on shared storage made by the schedule: job id to planned time (an instant), read from
   * every {@code job_info.json}.
   */
  static Map<String, String> jobsOf(Path root, String scheduleId) {
    Map<String, String> out = new TreeMap<>();
    Path jobs = root.resolve("jobs");
    if (!Files.isDirectory(jobs)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(jobs)) {
      dirs.forEach(
          dir -> {
            JsonObject info = JsonFiles.readObjectOrNull(dir.resolve("job_info.json"));
            if (info != null && scheduleId.equals(info.getString("schedule_id"))) {
              out.put(dir.getFileName().toString(), instant(info.getValue("scheduled_for")));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
