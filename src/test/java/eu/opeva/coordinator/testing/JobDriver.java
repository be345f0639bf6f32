package eu.opeva.coordinator.testing;

import static eu.opeva.coordinator.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one job driver of the tests: submits jobs and moves them through their states over HTTP, the
 * way a user and a worker agent would. Submissions use {@code configs/demo.yaml} (which {@link
 * CoordinatorHttpTest} seeds) unless the fields given carry their own config.
 */
public final class JobDriver {
  /** The config every submission uses unless told otherwise, relative to {@code configs/}. */
  public static final String DEMO_CONFIG = "demo.yaml";

  private static final int IN_FLIGHT = 50;
  private static final Duration STATUS_WAIT = Duration.ofSeconds(30);

  private final TestCoordinator tc;

  public JobDriver(TestCoordinator tc) {
    this.tc = tc;
  }

  /** Submits the demo config; returns the job id. */
  public String submit() {
    return submit(new JsonObject());
  }

  /** Submits the demo config pinned to {@code worker}; returns the job id. */
  public String submit(String worker) {
    return submit(new JsonObject().put("target_host", worker));
  }

  /**
   * Submits with the fields of {@code fields}, on the demo config unless they name a {@code config}
   * or {@code config_path}; asserts the submission is accepted and returns the job id.
   */
  public String submit(JsonObject fields) {
    return accepted(fields).getString("job_id");
  }

  /** Like {@link #submit(JsonObject)}, but returns the whole reply document. */
  public JsonObject accepted(JsonObject fields) {
    var response = trySubmit(body(fields));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /**
   * Posts {@code body} to {@code /run-simulation} exactly as given; the response, whatever it is.
   */
  public HttpResponse<Buffer> trySubmit(JsonObject body) {
    return tc.post("/run-simulation", body);
  }

  /** Submits the demo config {@code n} times, {@value #IN_FLIGHT} at a time; the job ids. */
  public List<String> submitMany(int n) {
    List<String> ids = new ArrayList<>(n);
    List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(
          tc.client
              .post(tc.port(), "127.0.0.1", "/run-simulation")
              .sendJsonObject(body(new JsonObject())));
      if (batch.size() == IN_FLIGHT || i == n - 1) {
        for (HttpResponse<Buffer> r :
            TestCoordinator.await(Future.all(batch)).<HttpResponse<Buffer>>list()) {
          assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
          ids.add(r.bodyAsJsonObject().getString("job_id"));
        }
        batch.clear();
      }
    }
    return ids;
  }

  /** One poll for {@code worker} without waiting: the payload, or null when there is no job. */
  public JsonObject poll(String worker) {
    var response = tc.post("/api/agent/next-job", new JsonObject().put("worker_id", worker));
    if (response.statusCode() == 204) {
      return null;
    }
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** A long poll for {@code worker}, answered when a job comes or after {@code waitSeconds}. */
  public Future<HttpResponse<Buffer>> pollAsync(String worker, double waitSeconds) {
    return tc.client
        .post(tc.port(), "127.0.0.1", "/api/agent/next-job")
        .sendJsonObject(new JsonObject().put("worker_id", worker).put("wait_seconds", waitSeconds));
  }

  /** Submits a job pinned to {@code worker} and has the worker take it (status dispatched). */
  public String dispatched(String worker) {
    String id = submit(worker);
    JsonObject payload = poll(worker);
    assertThat(payload).as("a job for " + worker).isNotNull();
    assertThat(payload.getString("job_id")).isEqualTo(id);
    return id;
  }

  /** Submits, dispatches to {@code worker} and reports running. */
  public String running(String worker) {
    String id = dispatched(worker);
    report(id, "running", worker);
    return id;
  }

  /**
   * A status report, as sent by {@code worker} (or by nobody when null) for {@code attempt} (or
   * none when null); returns the HTTP status, accepted or not.
   */
  public int report(String id, String status, String worker, Integer attempt) {
    JsonObject body = new JsonObject().put("job_id", id).put("status", status);
    if (worker != null) {
      body.put("worker_id", worker);
    }
    if (attempt != null) {
      body.put("attempt", attempt);
    }
    return tc.post("/api/agent/job-status", body).statusCode();
  }

  /** A status report by {@code worker} for the first attempt, which must be accepted. */
  public void report(String id, String status, String worker) {
    assertThat(report(id, status, worker, 1)).as(status + " reported by " + worker).isEqualTo(200);
  }

  /** The job's status document ({@code GET /status/{id}}). */
  public JsonObject status(String id) {
    return tc.get("/status/" + id).bodyAsJsonObject();
  }

  /** The job's status name. */
  public String state(String id) {
    return status(id).getString("status");
  }

  /** Waits (for real processes, up to 30 s) until the job is in {@code status}; its document. */
  public JsonObject awaitStatus(String id, String status) {
    return eventually(
        STATUS_WAIT,
        () -> {
          JsonObject doc = status(id);
          return status.equals(doc.getString("status")) ? doc : null;
        });
  }

  public Path jobDir(String id) {
    return tc.root.resolve("jobs").resolve(id);
  }

  /** Where the job's log is written: {@code jobs/<id>/logs/<id>.log}. */
  public Path logFile(String id) {
    return jobDir(id).resolve("logs").resolve(id + ".log");
  }

  private static JsonObject body(JsonObject fields) {
    JsonObject body = new JsonObject();
    if (!fields.containsKey("config") && !fields.containsKey("config_path")) {
      body.put("config_path", DEMO_CONFIG);
    }
    return body.mergeIn(fields);
  }
}
