package eu.opeva.coordinator.protocol;

import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import io.vertx.core.json.JsonObject;

/**
 * An agent asks for its next job, waiting up to {@code waitSeconds} for one (0: answer at once).
 */
public record NextJobRequest(String workerId, double waitSeconds) {
  private static final String WAIT_SECONDS = "wait_seconds";

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put(WORKER_ID, workerId);
    if (waitSeconds > 0) {
      json.put(WAIT_SECONDS, waitSeconds);
    }
    return json;
  }

  public static NextJobRequest fromJson(JsonObject json) {
    return new NextJobRequest(json.getString(WORKER_ID), json.getDouble(WAIT_SECONDS, 0.0));
  }
}
