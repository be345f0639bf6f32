package eu.opeva.coordinator.protocol;

import static eu.opeva.coordinator.domain.JobFields.WORKER_ID;

import io.vertx.core.json.JsonObject;

/** A worker's heartbeat: what it runs and how loaded it is ({@code info}, free-form). */
public record Heartbeat(String workerId, JsonObject info) {
  private static final String INFO = "info";

  public JsonObject toJson() {
    return new JsonObject().put(WORKER_ID, workerId).put(INFO, info);
  }

  /** {@code info} that is missing or not an object reads as empty. */
  public static Heartbeat fromJson(JsonObject json) {
    Object info = json.getValue(INFO);
    return new Heartbeat(
        json.getString(WORKER_ID), info instanceof JsonObject o ? o : new JsonObject());
  }
}
