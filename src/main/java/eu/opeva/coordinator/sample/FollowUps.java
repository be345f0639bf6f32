package eu.opeva.coordinator.sample;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code simulation.spawn_children}: the job submits follow-up jobs with its own token, as one
 * pipeline: {@code count} children (each with the {@code child} config, its run name numbered),
 * and, when {@code score} is given, a job with that config that depends on all of them. The
 * pipeline is sent with an idempotency key of the job, so a retried request creates nothing twice.
 */
final class FollowUps {
  static final String API_URL = "OPEVA_API_URL";
  static final String TOKEN = "OPEVA_JOB_TOKEN";
  private static final int ATTEMPTS = 5;

  private FollowUps() {}

  /** The pipeline request for {@code spec} (the {@code spawn_children} section). */
  static JsonObject pipeline(String jobId, Map<?, ?> spec) {
    int count = SimulationSettings.integer(spec, "count", 1, 1, 100, "spawn_children");
    Object host = spec.get("target_host");
    JsonObject child = config(spec.get("child"), "spawn_children.child");
    JsonArray jobs = new JsonArray();
    JsonArray keys = new JsonArray();
    for (int i = 1; i <= count; i++) {
      JsonObject config = child.copy();
      JsonObject experiment = config.getJsonObject("experiment", new JsonObject());
      experiment.put("run_name", experiment.getString("run_name", "child") + "-" + i);
      config.put("experiment", experiment);
      String key = "child-" + i;
      keys.add(key);
      jobs.add(node(key, config, host));
    }
    if (spec.get("score") != null) {
      jobs.add(
          node("score", config(spec.get("score"), "spawn_children.score"), host)
              .put("depends_on", keys));
    }
    return new JsonObject().put("name", "children of " + jobId).put("jobs", jobs);
  }

  /** Sends the pipeline; its answer ({@code pipeline_id}, {@code jobs}). */
  static JsonObject submit(String jobId, Map<?, ?> spec, Map<String, String> env)
      throws IOException {
    String url = env.get(API_URL);
    String token = env.get(TOKEN);
    if (url == null || token == null) {
      throw new IOException(
          "spawn_children needs " + API_URL + " and " + TOKEN + " (set by the agent)");
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/pipelines"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .header("Idempotency-Key", jobId + "-children")
            .POST(HttpRequest.BodyPublishers.ofString(pipeline(jobId, spec).encode()))
            .build();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return new JsonObject(r.body());
        }
        if (r.statusCode() < 500) {
          throw new IOException("the coordinator refused the children: " + r.body());
        }
        last = new IOException("the coordinator answered " + r.statusCode() + ": " + r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while submitting children", e);
      } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
        last = new IOException("could not reach " + url + ": " + e, e);
      }
      sleep(attempt * 500L);
    }
    throw last;
  }

  private static JsonObject node(String key, JsonObject config, Object host) {
    JsonObject node = new JsonObject().put("key", key).put("config", config);
    if (host != null) {
      node.put("target_host", String.valueOf(host));
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static JsonObject config(Object raw, String name) {
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      throw new IllegalArgumentException(name + " must be a config (a mapping)");
    }
    return new JsonObject((Map<String, Object>) m).copy();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
