package eu.opeva.coordinator.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The answer to a heartbeat: the worker's jobs that have a stop request. */
public record HeartbeatReply(List<String> stopJobIds) {
  private static final String OK = "ok";
  private static final String STOP_JOB_IDS = "stop_job_ids";

  public HeartbeatReply {
    stopJobIds = List.copyOf(stopJobIds);
  }

  public JsonObject toJson() {
    return new JsonObject().put(OK, true).put(STOP_JOB_IDS, new JsonArray(stopJobIds));
  }

  public static HeartbeatReply fromJson(JsonObject json) {
    JsonArray ids = json.getJsonArray(STOP_JOB_IDS, new JsonArray());
    return new HeartbeatReply(ids.stream().map(String::valueOf).toList());
  }
}
