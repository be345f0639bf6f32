package eu.opeva.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.bus.ApiFailure;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cron expressions: five Unix fields or six with seconds first, in a time zone")
class CronTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  /** The next {@code n} planned times after {@code from}, as instants. */
  private static List<String> next(Cron cron, String from, int n) {
    List<String> out = new ArrayList<>();
    long t = at(from);
    for (int i = 0; i < n; i++) {
      t = cron.next(t).orElseThrow();
      out.add(Instant.ofEpochMilli(t).toString());
    }
    return out;
  }

  private static List<DayOfWeek> days(Cron cron, String from, int n) {
    return next(cron, from, n).stream()
        .map(t -> Instant.parse(t).atZone(ZoneId.of("UTC")).getDayOfWeek())
        .toList();
  }

  private static String refusal(String cron, String zone) {
    try {
      Cron.parse(cron, zone);
    } catch (ApiFailure f) {
      assertThat(f.status()).isEqualTo(400);
      return String.valueOf(f.detail());
    }
    throw new AssertionError(cron + " was accepted");
  }

  @Test
  @DisplayName("GIVEN 0/15 * * * * * WHEN walked from midnight THEN every 15 seconds, on the dot")
  void everyFifteenSeconds() {
    Cron cron = Cron.parse("0/15 * * * * *", "UTC");
    assertThat(cron.hasSeconds()).isTrue();
    assertThat(next(cron, "2026-01-01T00:00:00Z", 5))
        .containsExactly(
            "2026-01-01T00:00:15Z",
            "2026-01-01T00:00:30Z",
            "2026-01-01T00:00:45Z",
            "2026-01-01T00:01:00Z",
            "2026-01-01T00:01:15Z");
    // From within a second, and from the planned time itself: strictly after.
    assertThat(cron.next(at("2026-01-01T00:00:14.999Z"))).contains(at("2026-01-01T00:00:15Z"));
    assertThat(cron.latest(at("2026-01-01T00:00:15Z"))).contains(at("2026-01-01T00:00:15Z"));
    assertThat(cron.latest(at("2026-01-01T00:00:14.999Z"))).contains(at("2026-01-01T00:00:00Z"));
  }

  @Test
  @DisplayName(
      "six fields: day of week 1-7 with Monday = 1 (and names), steps start on Monday, 0 is refused")
  void sixFieldDaysOfWeek() {
    String sunday = "2026-01-04T12:00:00Z";
    assertThat(days(Cron.parse("0 0 0 * * 1", "UTC"), sunday, 2)).containsOnly(DayOfWeek.MONDAY);
    assertThat(days(Cron.parse("0 0 0 * * 7", "UTC"), sunday, 2)).containsOnly(DayOfWeek.SUNDAY);
    assertThat(days(Cron.parse("0 0 0 * * MON-FRI", "UTC"), sunday, 5))
        .containsExactly(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);
    assertThat(days(Cron.parse("0 0 0 * * 6-7", "UTC"), sunday, 2))
        .containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(days(Cron.parse("0 0 0 * * */2", "UTC"), sunday, 4))
        .containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY);
    assertThat(refusal("0 0 0 * * 0", "UTC"))
        .startsWith("cron: the day of week field '0' is invalid")
        .contains("Monday = 1");
    assertThat(refusal("0 0 0 * * 8", "UTC")).contains("day of week field '8'");
  }

  @Test
  @DisplayName("five fields: Unix day of week (Sunday 0 or 7) and either day field matches")
  void fiveFieldUnixRules() {
    Cron cron = Cron.parse("*/5 * * * *", "UTC");
    assertThat(cron.hasSeconds()).isFalse();
    assertThat(next(cron, "2026-01-01T00:00:00Z", 3))
        .containsExactly("2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z");
    String sunday = "2026-01-04T12:00:00Z";
    assertThat(days(Cron.parse("0 0 * * 0", "UTC"), sunday, 2)).containsOnly(DayOfWeek.SUNDAY);
    assertThat(days(Cron.parse("0 0 * * 7", "UTC"), sunday, 2)).containsOnly(DayOfWeek.SUNDAY);
    // The 1st of the month OR a Monday (Unix); six fields want both (Spring's rule).
    assertThat(next(Cron.parse("0 0 1 * MON", "UTC"), "2026-01-26T12:00:00Z", 2))
        .containsExactly("2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z");
    assertThat(next(Cron.parse("0 0 0 1 * 1", "UTC"), "2026-01-01T12:00:00Z", 1))
        .containsExactly("2026-06-01T00:00:00Z");
  }

  @Test
  @DisplayName("an invalid expression or zone is refused naming the field")
  void refusals() {
    assertThat(refusal("* * * *", "UTC")).startsWith("cron: give five fields").endsWith("has 4");
    assertThat(refusal("* * * * * * *", "UTC")).endsWith("has 7");
    assertThat(refusal("", "UTC")).endsWith("has 0");
    assertThat(refusal("61 * * * *", "UTC"))
        .isEqualTo("cron: the minute field '61' is invalid: Value 61 not in range [0, 59]");
    assertThat(refusal("0 0 24 * * *", "UTC")).startsWith("cron: the hour field '24'");
    assertThat(refusal("0 0 1 13 *", "UTC")).startsWith("cron: the month field '13'");
    assertThat(refusal("x * * * * *", "UTC")).startsWith("cron: the second field 'x'");
    assertThat(refusal("@daily", "UTC")).startsWith("cron: give five fields");
    assertThat(refusal("* * * * *", "Mars/Olympus"))
        .isEqualTo(
            "timezone: 'Mars/Olympus' is not an IANA time zone name (such as UTC or Europe/Lisbon)");
    assertThat(refusal("* * * * *", "+01:00")).startsWith("timezone:");
    assertThatThrownBy(() -> Cron.parse("* * * * *", null)).isInstanceOf(ApiFailure.class);
    // Valid fields that can never meet: it never fires (the service refuses it as such).
    assertThat(Cron.parse("0 0 30 2 *", "UTC").next(at("2026-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  @DisplayName(
      "Europe/Lisbon: a wall time skipped in March fires nothing, a wall time repeated in October fires once")
  void lisbonDaylightSaving() {
    Cron daily = Cron.parse("30 1 * * *", "Europe/Lisbon");
    List<String> local = new ArrayList<>();
    long t = at("2026-03-27T12:00:00Z");
    for (int i = 0; i < 3; i++) {
      t = daily.next(t).orElseThrow();
      local.add(daily.local(t));
    }
    // 29 March 2026: 01:00 WET becomes 02:00 WEST, so 01:30 does not exist that day.
    assertThat(local)
        .containsExactly("2026-03-28T01:30Z", "2026-03-30T01:30+01:00", "2026-03-31T01:30+01:00");
    local.clear();
    t = at("2026-10-24T12:00:00Z");
    for (int i = 0; i < 2; i++) {
      t = daily.next(t).orElseThrow();
      local.add(daily.local(t));
    }
    // 25 October 2026: 02:00 WEST becomes 01:00 WET, so 01:30 comes twice; it fires the first.
    assertThat(local).containsExactly("2026-10-25T01:30+01:00", "2026-10-26T01:30Z");
  }

  @Test
  @DisplayName("due: the first and the last planned time in a span, also across a long gap")
  void dueSpans() {
    Cron cron = Cron.parse("0/15 * * * * *", "UTC");
    long from = at("2026-01-01T00:00:00Z");
    assertThat(cron.due(from, from + 14_999)).isEmpty();
    assertThat(cron.due(from, from + 15_000)).contains(new Cron.Due(from + 15_000, from + 15_000));
    assertThat(cron.due(from, from + 50_000)).contains(new Cron.Due(from + 15_000, from + 45_000));
    // A day of 15-second runs (5760) is more than a walk: the gap is crossed at once.
    long day = 24L * 3600 * 1000;
    assertThat(cron.due(from, from + day + 7_000))
        .contains(new Cron.Due(from + 15_000, from + day));
  }
}
