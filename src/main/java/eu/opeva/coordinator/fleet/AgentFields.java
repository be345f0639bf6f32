package eu.opeva.coordinator.fleet;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.json.Json;

/**
 * The free-form fields an agent sends to be kept (a report's {@code details} and {@code error},
 * kept in the job's files and in memory; a heartbeat's {@code info}, kept in memory and shown by
 * {@code /hosts}): each at most {@code AGENT_FIELD_MAX_BYTES} once encoded, so nothing an agent
 * sends can make a job's files or the coordinator's memory large. Beyond it: 413.
 */
final class AgentFields {
  private final long maxBytes;

  AgentFields(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void require(String field, Object value) {
    if (value == null) {
      return;
    }
    long size =
        value instanceof String s ? SafeNames.utf8Length(s) : Json.encodeToBuffer(value).length();
    if (size > maxBytes) {
      throw new ApiFailure(
          413,
          field
              + " is "
              + size
              + " bytes once encoded; an agent may send at most "
              + maxBytes
              + " (AGENT_FIELD_MAX_BYTES)");
    }
  }
}
