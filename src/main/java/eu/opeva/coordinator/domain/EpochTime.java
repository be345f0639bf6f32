package eu.opeva.coordinator.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times on the wire are epoch seconds with millisecond precision ({@code 1796115626.604}); in
 * memory they are epoch milliseconds, so a write and a read give back the same value.
 */
public final class EpochTime {
  private EpochTime() {}

  /** Epoch seconds as a plain decimal with three places (never an exponent). */
  public static BigDecimal seconds(long millis) {
    return BigDecimal.valueOf(millis, 3);
  }

  /** A duration in seconds, rounded to the millisecond. */
  public static BigDecimal durationSeconds(long millis) {
    return BigDecimal.valueOf(millis, 3);
  }

  /**
   * Milliseconds from epoch seconds given as a number, a numeric string, or ISO-8601 (naive means
   * UTC); null when the value is none of these.
   */
  public static Long parseMillis(Object value) {
    if (value instanceof Number n) {
      return Math.round(n.doubleValue() * 1000);
    }
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    String t = s.trim();
    try {
      return Math.round(Double.parseDouble(t) * 1000);
    } catch (NumberFormatException ignored) {
      // not numeric
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // maybe with an offset, or naive
    }
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // maybe naive
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
