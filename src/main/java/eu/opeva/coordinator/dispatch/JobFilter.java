package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.domain.Job;
import io.vertx.core.json.JsonObject;

/**
 * A filter and page of {@code GET /jobs}: by status and host, then {@code offset}/{@code limit}.
 */
public record JobFilter(String status, String host, int offset, int limit) {
  static final String HOST = "host";
  static final String OFFSET = "offset";
  static final String LIMIT = "limit";

  public JobFilter page(int newOffset, int newLimit) {
    return new JobFilter(status, host, newOffset, newLimit);
  }

  boolean matches(Job job) {
    if (status != null && !status.equals(job.status().wire())) {
      return false;
    }
    return host == null
        || host.equals(job.placement().targetHost())
        || host.equals(job.placement().preferredHost());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(STATUS, status)
        .put(HOST, host)
        .put(OFFSET, offset)
        .put(LIMIT, limit);
  }

  public static JobFilter fromJson(JsonObject json) {
    return new JobFilter(
        json.getString(STATUS),
        json.getString(HOST),
        json.getInteger(OFFSET, 0),
        json.getInteger(LIMIT, Integer.MAX_VALUE));
  }
}
