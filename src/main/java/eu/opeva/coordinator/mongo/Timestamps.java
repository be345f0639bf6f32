package eu.opeva.coordinator.mongo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reading and writing timestamps. Everything is UTC: a value without an offset is taken as UTC, and
 * every timestamp the service writes is ISO-8601 UTC ({@code 2024-01-01T00:15:00Z}).
 */
public final class Timestamps {
  private Timestamps() {}

  /** A Mongo date ({@code {"$date": ...}}), an ISO-8601 string or an Instant; null otherwise. */
  public static Instant parse(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof JsonObject obj && obj.containsKey("$date")) {
      Object date = obj.getValue("$date");
      if (date instanceof String s) {
        return parseText(s);
      }
      if (date instanceof Number n) {
        return Instant.ofEpochMilli(n.longValue());
      }
      if (date instanceof JsonObject wrapped && wrapped.getValue("$numberLong") != null) {
        try {
          return Instant.ofEpochMilli(Long.parseLong(wrapped.getValue("$numberLong").toString()));
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }
    return value instanceof String s ? parseText(s) : null;
  }

  /**
   * ISO-8601 with {@code Z} or an offset, or {@code YYYY-MM-DD[T ]HH:MM[:SS[.f]]} (UTC), or a date.
   */
  public static Instant parseText(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // not offset-qualified; try the naive forms
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // not a date-time; maybe a date
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The earliest instant a time window reaches back to: a longer window means all data. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * The start of the window of the last {@code minutes} before {@code now}; a window longer than
   * all of time since {@link #EARLIEST} starts there (any number of minutes is accepted, as the
   * replaced service did, and a huge one simply means everything).
   */
  static Instant minutesBefore(Instant now, long minutes) {
    long available = java.time.Duration.between(EARLIEST, now).toMinutes();
    return minutes >= available ? EARLIEST : now.minus(java.time.Duration.ofMinutes(minutes));
  }

  /** The Mongo extended-JSON form used in queries and inserts. */
  public static JsonObject mongoDate(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  public static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
