package eu.opeva.coordinator.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times as people read them in a table: "3m ago", "in 2h", durations such as "1m05s". */
final class Times {
  private Times() {}

  /** An instant from epoch seconds (a number) or an ISO-8601 string; null when neither. */
  static Instant instant(Object value) {
    if (value instanceof Number n) {
      return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
    }
    if (value instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** "12s ago", "3m ago", "in 5m"; "-" without a time. */
  static String relative(Object value, Instant now) {
    Instant at = instant(value);
    if (at == null) {
      return "-";
    }
    Duration d = Duration.between(at, now);
    if (d.isNegative()) {
      return "in " + coarse(d.negated().plusMillis(999));
    }
    return d.toMillis() < 1000 ? "just now" : coarse(d) + " ago";
  }

  /** A duration in seconds as "850ms", "4.2s", "3m07s", "2h05m", "3d04h"; "-" without one. */
  static String duration(Object seconds) {
    if (!(seconds instanceof Number n)) {
      return "-";
    }
    double s = n.doubleValue();
    if (s < 1) {
      return Math.round(s * 1000) + "ms";
    }
    if (s < 60) {
      return String.format(java.util.Locale.ROOT, "%.1fs", s);
    }
    return span(Duration.ofMillis(Math.round(s * 1000)));
  }

  /** One unit: "12s", "3m", "2h", "4d". */
  private static String coarse(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    return s < 86_400 ? s / 3600 + "h" : s / 86_400 + "d";
  }

  private static String span(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + two(s % 60) + "s";
    }
    if (s < 86_400) {
      return s / 3600 + "h" + two(s % 3600 / 60) + "m";
    }
    return s / 86_400 + "d" + two(s % 86_400 / 3600) + "h";
  }

  private static String two(long v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }
}
