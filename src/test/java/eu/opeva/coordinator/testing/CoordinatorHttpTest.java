package eu.opeva.coordinator.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of HTTP tests: a real coordinator on a temp shared root with {@code configs/demo.yaml}, an
 * injected clock, and helpers that speak the agent protocol.
 */
@ExtendWith(VertxExtension.class)
public abstract class CoordinatorHttpTest {
  @TempDir protected Path root;
  protected final MutableClock clock = new MutableClock();
  protected TestCoordinator tc;

  /** Moves jobs through their states over HTTP, as a worker agent would. */
  protected JobDriver jobs;

  /** Environment overrides for this test class. */
  protected Map<String, String> env() {
    return Map.of();
  }

  @BeforeEach
  void startCoordinator(Vertx vertx) throws Exception {
    Files.createDirectories(root.resolve("configs"));
    Files.writeString(
        root.resolve("configs/demo.yaml"), "experiment:\n  name: Demo\n  run_name: Run1\n");
    tc = TestCoordinator.start(vertx, root, clock, env());
    jobs = new JobDriver(tc);
  }

  @AfterEach
  void stopCoordinator() {
    if (tc != null) {
      tc.close();
    }
  }

  /** Submits {@code configs/demo.yaml} with extra fields; returns the job id. */
  protected String submit(JsonObject extra) {
    var r =
        tc.post("/run-simulation", new JsonObject().put("config_path", "demo.yaml").mergeIn(extra));
    if (r.statusCode() != 200) {
      throw new AssertionError("submit failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("job_id");
  }

  protected String submit() {
    return submit(new JsonObject());
  }

  /** One poll without waiting: the payload, or null on 204. */
  protected JsonObject poll(String worker) {
    var r = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", worker));
    return r.statusCode() == 204 ? null : r.bodyAsJsonObject();
  }

  /** A status report; returns the HTTP status. */
  protected int report(String id, String status, String worker, Integer attempt) {
    JsonObject body = new JsonObject().put("job_id", id).put("status", status);
    if (worker != null) {
      body.put("worker_id", worker);
    }
    if (attempt != null) {
      body.put("attempt", attempt);
    }
    return tc.post("/api/agent/job-status", body).statusCode();
  }

  protected JsonObject status(String id) {
    return tc.get("/status/" + id).bodyAsJsonObject();
  }
}
