package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.citylearn.CityLearnOptions;
import eu.opeva.coordinator.datasetfiles.DatasetNames;
import eu.opeva.coordinator.mongo.Timestamps;
import eu.opeva.coordinator.protocol.JsonInts;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A validated {@code POST /dataset} body: everything a client can get wrong is a 400 before work
 * starts.
 */
record ExportRequest(
    String name,
    String siteId,
    CityLearnOptions options,
    String description,
    int period,
    Instant from,
    Instant until) {
  static final int DEFAULT_PERIOD = 60;

  static ExportRequest parse(JsonObject body) {
    String name = DatasetNames.require(body.getString("name"));
    Integer given = JsonInts.exact(body, "period");
    int period = given == null ? DEFAULT_PERIOD : given;
    if (period < 1) {
      throw ApiFailure.badRequest("period must be >= 1 minute");
    }
    if (period > 7 * 24 * 60) {
      throw ApiFailure.badRequest("period must be at most one week (10080 minutes)");
    }
    String description = body.getString("description");
    CityLearnOptions options = CityLearnOptions.of(body.getJsonObject("citylearn_configs"));
    return new ExportRequest(
        name,
        body.getString("site_id"),
        options,
        description == null ? "" : description,
        period,
        timestamp(body, "from_ts"),
        timestamp(body, "until_ts"));
  }

  private static Instant timestamp(JsonObject body, String key) {
    String raw = body.getString(key);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    Instant t = Timestamps.parseText(raw);
    if (t == null) {
      throw ApiFailure.badRequest("Invalid " + key + ". Expected ISO-8601 format.");
    }
    return t;
  }
}
