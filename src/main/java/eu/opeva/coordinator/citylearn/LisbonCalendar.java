package eu.opeva.coordinator.citylearn;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * CityLearn's calendar columns in Lisbon time: hours run 1..24 (local midnight is hour 24), and the
 * 24th hour belongs to the day it ends, so its month and day type are the previous day's. Day types
 * are ISO weekdays (Monday 1 .. Sunday 7); DST status is 1 while summer time is in effect.
 */
final class LisbonCalendar {
  static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

  private LisbonCalendar() {}

  /** {@code {month, hour, day_type, daylight_savings_status}}. */
  static int[] columns(Instant label) {
    ZonedDateTime local = label.atZone(LISBON);
    int hour = local.getHour();
    ZonedDateTime day = local;
    if (hour == 0) {
      hour = 24;
      day = local.minusDays(1);
    }
    int dst = LISBON.getRules().isDaylightSavings(label) ? 1 : 0;
    return new int[] {day.getMonthValue(), hour, day.getDayOfWeek().getValue(), dst};
  }
}
