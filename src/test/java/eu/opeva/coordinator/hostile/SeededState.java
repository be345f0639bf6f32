package eu.opeva.coordinator.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.auth.Role;
import eu.opeva.coordinator.testing.TestCoordinator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state the hostile requests meet, so that handlers do real work: jobs queued, dispatched,
 * running, finished (with a log, progress, a result and simulation data), failed and canceled; a
 * pipeline; a schedule (once a year, so it never fires during the run); two configs and a file
 * outside {@code configs/}; a dataset; a spare site next to the demo site of the embedded MongoDB.
 * {@code jobTokens}: the token each dispatched job was given.
 */
record SeededState(
    String queued,
    String dispatched,
    String running,
    String finished,
    String failed,
    String canceled,
    String pipeline,
    String schedule,
    Map<String, String> jobTokens) {
  static final String CONFIG = "demo.yaml";
  static final String OTHER_CONFIG = "other.yaml";
  static final String DATASET = "probe";
  static final String SITE = "demo_site";
  static final String SPARE_SITE = "spare_site";
  static final String SESSION = "session1";

  /** With a dataset name, so that jobs get a resolved config ({@code config.resolved.yaml}). */
  static final String DEMO_YAML =
      "experiment:\n  name: Demo\n  run_name: Run1\nsimulator:\n  dataset_name: " + DATASET + "\n";

  /** Files written before the coordinator starts, relative to the shared root. */
  static Map<String, String> files() {
    return Map.of(
        "configs/" + CONFIG,
        DEMO_YAML,
        "configs/" + OTHER_CONFIG,
        "experiment:\n  name: Other\n",
        "secret.yaml",
        "experiment:\n  name: Secret\n",
        "datasets/" + DATASET + "/schema.json",
        "{\"buildings\": {}}\n",
        "datasets/" + DATASET + "/data.csv",
        "a,b\n1,2\n");
  }

  static SeededState create(TestCoordinator tc) throws IOException {
    Map<String, String> tokens = new java.util.HashMap<>();
    String finished = running(tc, Callers.WORKER, tokens);
    Path dir = tc.root.resolve("jobs").resolve(finished);
    write(dir.resolve("logs/" + finished + ".log"), "line 1\nline 2\n");
    write(dir.resolve("progress/progress.json"), "{\"progress\": 50}\n");
    write(dir.resolve("results/result.json"), "{\"kpis\": {\"cost\": 1.5}}\n");
    write(dir.resolve("results/simulation_data/" + SESSION + "/data.csv"), "timestamp,v\n0,1\n");
    report(tc, finished, "finished", Callers.WORKER, new JsonObject().put("exit_code", 0));
    String failed = running(tc, Callers.WORKER, tokens);
    report(
        tc,
        failed,
        "failed",
        Callers.WORKER,
        new JsonObject().put("exit_code", 3).put("error", "x"));
    String canceled = submit(tc, Callers.OTHER_WORKER);
    ok(tc, HttpMethod.POST, "/stop/" + canceled, null, Callers.user(Role.SUBMITTER));
    String running = running(tc, Callers.WORKER, tokens);
    write(tc.root.resolve("jobs/" + running + "/logs/" + running + ".log"), "started\n");
    String dispatched = submit(tc, Callers.OTHER_WORKER);
    poll(tc, Callers.OTHER_WORKER, dispatched, tokens);
    String queued = submit(tc, Callers.OTHER_WORKER);
    JsonObject pipeline =
        new JsonObject()
            .put("name", "seeded")
            .put(
                "jobs",
                new JsonArray()
                    .add(node("a").put("target_host", "deucalion"))
                    .add(node("b").put("depends_on", new JsonArray().add("a"))));
    String pipelineId =
        ok(tc, HttpMethod.POST, "/pipelines", pipeline, Callers.user(Role.SUBMITTER))
            .getString("pipeline_id");
    ok(
        tc,
        HttpMethod.POST,
        "/schema/create",
        new JsonObject().put("site", SPARE_SITE).put("schema", new JsonObject().put("v", 1)),
        Callers.user(Role.OPERATOR));
    String scheduleId =
        created(tc, "/schedules", schedule("seeded"), Callers.user(Role.SUBMITTER))
            .getString("schedule_id");
    return new SeededState(
        queued,
        dispatched,
        running,
        finished,
        failed,
        canceled,
        pipelineId,
        scheduleId,
        Map.copyOf(tokens));
  }

  /** A schedule body: the demo config on the other worker, at midnight on the 1st of January. */
  static JsonObject schedule(String name) {
    return new JsonObject()
        .put("name", name)
        .put("cron", "0 0 1 1 *")
        .put("timezone", "Europe/Lisbon")
        .put("overlap", "allow")
        .put("catchup", "none")
        .put(
            "job",
            new JsonObject().put("config_path", CONFIG).put("target_host", Callers.OTHER_WORKER));
  }

  private static JsonObject created(
      TestCoordinator tc, String path, JsonObject body, String authorization) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", authorization);
    HttpResponse<Buffer> r = tc.call(HttpMethod.POST, path, body.toBuffer(), headers);
    assertThat(r.statusCode()).as("POST " + path + ": " + r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static JsonObject node(String key) {
    return new JsonObject().put("key", key).put("config_path", CONFIG);
  }

  private static String submit(TestCoordinator tc, String worker) {
    JsonObject body = new JsonObject().put("config_path", CONFIG).put("target_host", worker);
    return ok(tc, HttpMethod.POST, "/run-simulation", body, Callers.user(Role.SUBMITTER))
        .getString("job_id");
  }

  private static String running(TestCoordinator tc, String worker, Map<String, String> tokens) {
    String id = submit(tc, worker);
    poll(tc, worker, id, tokens);
    report(tc, id, "running", worker, new JsonObject());
    return id;
  }

  private static void poll(
      TestCoordinator tc, String worker, String expected, Map<String, String> tokens) {
    JsonObject payload =
        ok(
            tc,
            HttpMethod.POST,
            "/api/agent/next-job",
            new JsonObject().put("worker_id", worker),
            Callers.bearer(Callers.TOKENS.get(worker)));
    assertThat(payload.getString("job_id")).isEqualTo(expected);
    tokens.put(expected, payload.getJsonObject("env").getString("OPEVA_JOB_TOKEN"));
  }

  private static void report(
      TestCoordinator tc, String id, String status, String worker, JsonObject more) {
    JsonObject body =
        new JsonObject()
            .put("job_id", id)
            .put("status", status)
            .put("worker_id", worker)
            .put("attempt", 1)
            .mergeIn(more);
    ok(
        tc,
        HttpMethod.POST,
        "/api/agent/job-status",
        body,
        Callers.bearer(Callers.TOKENS.get(worker)));
  }

  private static JsonObject ok(
      TestCoordinator tc, HttpMethod method, String path, JsonObject body, String authorization) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", authorization);
    HttpResponse<Buffer> r = tc.call(method, path, body == null ? null : body.toBuffer(), headers);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
