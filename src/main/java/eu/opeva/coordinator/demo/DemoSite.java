package eu.opeva.coordinator.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What to generate: {@code buildings} collections ({@code building_1} ...) with one document every
 * {@code periodMinutes} from {@code start} for {@code steps} steps. With {@code gaps}, each
 * building misses a short run of {@link #SHORT_GAP_STEPS} steps at about 30% of the series and a
 * run of {@link #LONG_GAP_MINUTES} minutes at about 70% (shifted by building), so exports have both
 * kinds. Values depend only on the seed, the building and the timestamp.
 */
public record DemoSite(
    String site,
    int buildings,
    Instant start,
    int steps,
    int periodMinutes,
    long seed,
    boolean gaps) {
  public static final int SHORT_GAP_STEPS = 2;
  public static final int LONG_GAP_MINUTES = 4 * 60;

  public DemoSite {
    if (buildings < 1 || steps < 1 || periodMinutes < 1) {
      throw new IllegalArgumentException("buildings, steps and period must be positive");
    }
  }

  /** {@code days} of data ending at {@code end} rounded down to the period. */
  public static DemoSite ending(
      String site, int buildings, Instant end, int days, int periodMinutes, long seed) {
    long periodMs = periodMinutes * 60_000L;
    Instant last = Instant.ofEpochMilli(Math.floorDiv(end.toEpochMilli(), periodMs) * periodMs);
    int steps = (int) Math.max(1, Duration.ofDays(days).toMinutes() / periodMinutes);
    return new DemoSite(
        site,
        buildings,
        last.minus(Duration.ofMinutes((long) (steps - 1) * periodMinutes)),
        steps,
        periodMinutes,
        seed,
        true);
  }

  public Instant timeOf(int step) {
    return start.plus(Duration.ofMinutes((long) step * periodMinutes));
  }

  public Instant end() {
    return timeOf(steps - 1);
  }

  public static String collection(int building) {
    return "building_" + building;
  }

  /**
   * Buildings with odd numbers have one EV charger, {@code charger_<b>_1}, used by {@code ev_<b>}.
   */
  public static boolean hasCharger(int building) {
    return building % 2 == 1;
  }

  /** The steps (first inclusive, last exclusive) this building has no document for. */
  public List<int[]> gapsOf(int building) {
    List<int[]> out = new ArrayList<>();
    if (!gaps) {
      return out;
    }
    int longSteps = Math.max(SHORT_GAP_STEPS + 1, LONG_GAP_MINUTES / periodMinutes);
    int shortAt = steps * 3 / 10 + building;
    int longAt = steps * 7 / 10 + building;
    if (shortAt + SHORT_GAP_STEPS < longAt && longAt + longSteps < steps - 1) {
      out.add(new int[] {shortAt, shortAt + SHORT_GAP_STEPS});
      out.add(new int[] {longAt, longAt + longSteps});
    }
    return out;
  }

  public boolean isGap(int building, int step) {
    for (int[] g : gapsOf(building)) {
      if (step >= g[0] && step < g[1]) {
        return true;
      }
    }
    return false;
  }
}
