package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.mongo.Timestamps;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;

/**
 * The export's time grid: the span every selected building has data for (latest first record to
 * earliest last record), narrowed to the requested bounds and rounded down to the period.
 */
final class TimeWindow {
  private TimeWindow() {}

  static TimeGrid of(
      SiteDataClient client, String site, Collection<String> collections, ExportRequest req) {
    Instant latestStart = null;
    Instant earliestEnd = null;
    for (String collection : collections) {
      JsonObject bounds =
          BlockingIo.await(client.bounds(site, collection), DatasetExport.MONGO_WAIT);
      Instant oldest = Timestamps.parseText(bounds.getString("oldest"));
      Instant newest = Timestamps.parseText(bounds.getString("newest"));
      if (oldest == null || newest == null) {
        continue;
      }
      latestStart = latestStart == null || oldest.isAfter(latestStart) ? oldest : latestStart;
      earliestEnd = earliestEnd == null || newest.isBefore(earliestEnd) ? newest : earliestEnd;
    }
    if (latestStart == null) {
      throw ApiFailure.notFound("No timestamped data found in selected building collections.");
    }
    Instant start =
        req.from() != null && req.from().isAfter(latestStart) ? req.from() : latestStart;
    Instant end =
        req.until() != null && req.until().isBefore(earliestEnd) ? req.until() : earliestEnd;
    long periodMs = req.period() * 60_000L;
    long startFloor = TimeGrid.floor(start, periodMs);
    long endFloor = TimeGrid.floor(end, periodMs);
    if (startFloor >= endFloor) {
      throw ApiFailure.notFound(
          "Invalid time range: no overlapping data for selected buildings and timestamps.");
    }
    return new TimeGrid(startFloor, endFloor, periodMs);
  }
}
