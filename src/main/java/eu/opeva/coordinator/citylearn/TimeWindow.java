package eu.opeva.coordinator.citylearn;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.mongo.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;

/**
 * The export's time grid: the span every selected building has data for (latest first record to
 * earliest last record), narrowed to the requested bounds and rounded down to the period.
 */
public final class TimeWindow {
  private TimeWindow() {}

  /**
   * The grid for collections with these bounds ({@code {oldest, newest}} timestamps, null when
   * empty), the requested {@code from} and {@code until} (null when open) and a period in minutes.
   */
  public static TimeGrid of(
      Collection<JsonObject> collectionBounds, Instant from, Instant until, int periodMinutes) {
    Instant latestStart = null;
    Instant earliestEnd = null;
    for (JsonObject bounds : collectionBounds) {
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
    Instant start = from != null && from.isAfter(latestStart) ? from : latestStart;
    Instant end = until != null && until.isBefore(earliestEnd) ? until : earliestEnd;
    long periodMs = periodMinutes * 60_000L;
    long startFloor = TimeGrid.floor(start, periodMs);
    long endFloor = TimeGrid.floor(end, periodMs);
    if (startFloor >= endFloor) {
      throw ApiFailure.notFound(
          "Invalid time range: no overlapping data for selected buildings and timestamps.");
    }
    return new TimeGrid(startFloor, endFloor, periodMs);
  }
}
