package eu.opeva.coordinator.scheduler;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import eu.opeva.coordinator.bus.ApiFailure;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule's cron expression in its time zone. Five fields are the Unix form (minute hour
 * day-of-month month day-of-week; day of week 0-7, Sunday 0 or 7; a restricted day of month and day
 * of week match either); six fields put seconds first, the form of the task manager this replaces
 * ({@code 0/15 * * * * *}; day of week 1-7, Monday = 1, or MON-SUN; both day fields must match,
 * {@code ?} for "any"). Planned times come from cron-utils, daylight-saving changes included: a
 * wall time that does not exist fires nothing, a named wall time that occurs twice fires once.
 * Pure: no Vert.x, no clock.
 */
public final class Cron {
  private static final CronDefinition FIVE =
      CronDefinitionBuilder.instanceDefinitionFor(com.cronutils.model.CronType.UNIX);

  /**
   * Spring's six-field definition (SPRING53) with its day of week as the seed has it: 1-7 with
   * Monday = 1, and no 0. SPRING53 takes 0-7 (Sunday 0 or 7), so a step over every day of the week
   * starts on Sunday there ({@code 0 0 0 * * *}{@code /2}: Sunday, Tuesday ...) and on Monday here.
   */
  private static final CronDefinition SIX =
      CronDefinitionBuilder.defineCron()
          .withSeconds()
          .withValidRange(0, 59)
          .withStrictRange()
          .and()
          .withMinutes()
          .withValidRange(0, 59)
          .withStrictRange()
          .and()
          .withHours()
          .withValidRange(0, 23)
          .withStrictRange()
          .and()
          .withDayOfMonth()
          .withValidRange(1, 31)
          .supportsL()
          .supportsW()
          .supportsLW()
          .supportsQuestionMark()
          .and()
          .withMonth()
          .withValidRange(1, 12)
          .withStrictRange()
          .and()
          .withDayOfWeek()
          .withValidRange(1, 7)
          .withMondayDoWValue(1)
          .supportsHash()
          .supportsL()
          .supportsQuestionMark()
          .and()
          .instance();

  private static final String[] FIVE_FIELDS = {
    "minute", "hour", "day of month", "month", "day of week"
  };
  private static final String[] SIX_FIELDS = {
    "second", "minute", "hour", "day of month", "month", "day of week"
  };
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  /** Planned times walked one by one before a gap is crossed at once. */
  private static final int WALK = 1000;

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime times;

  private Cron(String expression, ZoneId zone, ExecutionTime times) {
    this.expression = expression;
    this.zone = zone;
    this.times = times;
  }

  /** The expression in the zone, or a 400 naming the field ({@code cron} or {@code timezone}). */
  public static Cron parse(String expression, String timezone) {
    ZoneId zone = zone(timezone);
    String text = expression == null ? "" : expression.trim();
    String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
    if (parts.length != 5 && parts.length != 6) {
      throw ApiFailure.badRequest(
          "cron: give five fields (minute hour day-of-month month day-of-week) or six with"
              + " seconds first (second minute hour day-of-month month day-of-week); '"
              + text
              + "' has "
              + parts.length);
    }
    CronDefinition definition = parts.length == 5 ? FIVE : SIX;
    try {
      var cron = new CronParser(definition).parse(String.join(" ", parts));
      cron.validate();
      return new Cron(String.join(" ", parts), zone, ExecutionTime.forCron(cron));
    } catch (IllegalArgumentException e) {
      throw ApiFailure.badRequest(problem(definition, parts, e));
    }
  }

  /** An IANA zone name, or a 400 naming {@code timezone}. */
  public static ZoneId zone(String timezone) {
    if (timezone == null || !ZONES.contains(timezone)) {
      throw ApiFailure.badRequest(
          "timezone: '"
              + timezone
              + "' is not an IANA time zone name (such as UTC or Europe/Lisbon)");
    }
    return ZoneId.of(timezone);
  }

  /** Which field is wrong: the first that fails on its own, the others being {@code *}. */
  private static String problem(CronDefinition definition, String[] parts, Exception e) {
    String[] names = parts.length == 5 ? FIVE_FIELDS : SIX_FIELDS;
    for (int i = 0; i < parts.length; i++) {
      String[] alone = new String[parts.length];
      Arrays.fill(alone, "*");
      alone[i] = parts[i];
      try {
        new CronParser(definition).parse(String.join(" ", alone)).validate();
      } catch (IllegalArgumentException single) {
        String hint =
            names[i].equals("day of week")
                ? (parts.length == 6
                    ? " (six fields: 1-7 with Monday = 1, or MON-SUN)"
                    : " (five fields: 0-7 with Sunday = 0 or 7, or SUN-SAT)")
                : "";
        return "cron: the "
            + names[i]
            + " field '"
            + parts[i]
            + "' is invalid: "
            + reason(single)
            + hint;
      }
    }
    return "cron: '" + String.join(" ", parts) + "' is invalid: " + reason(e);
  }

  private static String reason(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.replace("Failed to parse cron expression. ", "").trim();
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether the expression has a seconds field. */
  public boolean hasSeconds() {
    return expression.split(" ").length == 6;
  }

  /** The first planned time strictly after {@code millis}; empty when it never fires again. */
  public Optional<Long> next(long millis) {
    return times.nextExecution(at(millis)).map(t -> t.toInstant().toEpochMilli());
  }

  /** The planned times after a moment up to another: the first and the last of them. */
  public record Due(long first, long last) {}

  /**
   * The planned times strictly after {@code after} and at or before {@code now}, walked with {@link
   * #next} (so the times are the ones {@code next} gives, daylight-saving changes included); a long
   * gap (many missed times) is crossed with {@link #latest}. Empty when none is due.
   */
  public Optional<Due> due(long after, long now) {
    Optional<Long> first = next(after);
    if (first.isEmpty() || first.get() > now) {
      return Optional.empty();
    }
    long last = first.get();
    for (int leg = 0; leg < 2; leg++) {
      for (int step = 0; step < WALK; step++) {
        Optional<Long> n = next(last);
        if (n.isEmpty() || n.get() > now) {
          return Optional.of(new Due(first.get(), last));
        }
        last = n.get();
      }
      long walked = last;
      last = latest(now).filter(t -> t > walked).orElse(walked);
    }
    return Optional.of(new Due(first.get(), last));
  }

  /** The latest planned time at or before {@code millis}; empty when there is none. */
  public Optional<Long> latest(long millis) {
    // lastExecution is strictly before its argument, at a resolution of one second.
    return times.lastExecution(at(millis + 1)).map(t -> t.toInstant().toEpochMilli());
  }

  /** The time as a wall-clock time with its offset in the zone ({@code 2026-03-30T01:30+01:00}). */
  public String local(long millis) {
    return at(millis).toOffsetDateTime().toString();
  }

  private ZonedDateTime at(long millis) {
    return Instant.ofEpochMilli(millis).atZone(zone);
  }
}
