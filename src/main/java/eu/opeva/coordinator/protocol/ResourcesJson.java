package eu.opeva.coordinator.protocol;

import static eu.opeva.coordinator.domain.JobFields.CPUS;
import static eu.opeva.coordinator.domain.JobFields.GPUS;
import static eu.opeva.coordinator.domain.JobFields.MEMORY_MB;
import static eu.opeva.coordinator.domain.JobFields.TIMEOUT_SECONDS;

import eu.opeva.coordinator.domain.Resources;
import io.vertx.core.json.JsonObject;

/** The JSON form of {@link Resources}, in submissions, job files and payloads alike. */
public final class ResourcesJson {
  private ResourcesJson() {}

  /** Only the limits that are set. */
  public static JsonObject toJson(Resources r) {
    JsonObject json = new JsonObject();
    if (r.cpus() != null) {
      json.put(CPUS, r.cpus());
    }
    if (r.memoryMb() != null) {
      json.put(MEMORY_MB, r.memoryMb());
    }
    if (r.timeoutSeconds() != null) {
      json.put(TIMEOUT_SECONDS, r.timeoutSeconds());
    }
    if (r.gpus() != null) {
      json.put(GPUS, r.gpus());
    }
    return json;
  }

  /** {@link Resources#NONE} for null. */
  public static Resources fromJson(JsonObject json) {
    if (json == null) {
      return Resources.NONE;
    }
    Number cpus = json.getNumber(CPUS);
    Number memory = json.getNumber(MEMORY_MB);
    Number timeout = json.getNumber(TIMEOUT_SECONDS);
    Number gpus = json.getNumber(GPUS);
    return new Resources(
        cpus == null ? null : cpus.doubleValue(),
        memory == null ? null : memory.intValue(),
        timeout == null ? null : timeout.intValue(),
        gpus == null ? null : gpus.intValue());
  }
}
