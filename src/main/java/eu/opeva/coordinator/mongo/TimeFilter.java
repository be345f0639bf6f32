package eu.opeva.coordinator.mongo;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The historical-data time filter: either the last {@code minutes}, or {@code from_ts..until_ts}
 * (both inclusive). Validated in the order and with the messages of the service this one replaces.
 */
record TimeFilter(Long minutes, String fromRaw, String untilRaw, Instant from, Instant until) {

  static TimeFilter of(JsonObject params, Instant now) {
    Long minutes = params.getLong("minutes");
    String fromRaw = params.getString("from_ts");
    String untilRaw = params.getString("until_ts");
    boolean hasFrom = fromRaw != null;
    boolean hasUntil = untilRaw != null;
    if (minutes != null && (hasFrom || hasUntil)) {
      throw ApiFailure.badRequest("Use either 'minutes' or ('from_ts' + 'until_ts'), not both.");
    }
    if (minutes != null) {
      return new TimeFilter(minutes, null, null, Timestamps.minutesBefore(now, minutes), null);
    }
    if (!hasFrom && !hasUntil) {
      throw ApiFailure.badRequest("Provide either 'minutes' or both 'from_ts' and 'until_ts'.");
    }
    if (hasFrom != hasUntil) {
      throw ApiFailure.badRequest("'from_ts' and 'until_ts' must be provided together.");
    }
    Instant from = Timestamps.parseText(fromRaw);
    if (from == null) {
      throw ApiFailure.badRequest("Invalid from_ts. Expected ISO-8601 format.");
    }
    Instant until = Timestamps.parseText(untilRaw);
    if (until == null) {
      throw ApiFailure.badRequest("Invalid until_ts. Expected ISO-8601 format.");
    }
    if (!until.isAfter(from)) {
      throw ApiFailure.badRequest("'until_ts' must be greater than 'from_ts'.");
    }
    return new TimeFilter(null, fromRaw, untilRaw, from, until);
  }

  JsonObject mongoQuery() {
    JsonObject range = new JsonObject().put("$gte", Timestamps.mongoDate(from));
    if (until != null) {
      range.put("$lte", Timestamps.mongoDate(until));
    }
    return new JsonObject().put("timestamp", range);
  }

  /** The filter as the caller gave it, for the response's {@code query}. */
  void echo(JsonObject query) {
    if (minutes != null) {
      query.put("minutes", minutes);
    } else {
      query.put("from_ts", fromRaw).put("until_ts", untilRaw);
    }
  }
}
