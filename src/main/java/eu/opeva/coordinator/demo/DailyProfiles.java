package eu.opeva.coordinator.demo;

import java.time.ZonedDateTime;

/**
 * Smooth, plausible daily and seasonal shapes for a Portuguese site, in local time: temperatures
 * peaking mid-afternoon, sun between about 7 and 20 h, loads with morning and evening peaks, a
 * time-of-use price and a grid carbon intensity that dips when the sun is up.
 */
final class DailyProfiles {
  private DailyProfiles() {}

  static double hourOf(ZonedDateTime t) {
    return t.getHour() + t.getMinute() / 60.0;
  }

  /** 0 in winter, 1 in mid-summer. */
  static double season(ZonedDateTime t) {
    return 0.5 - 0.5 * Math.cos(2 * Math.PI * (t.getDayOfYear() - 15) / 365.0);
  }

  static double outdoorTemperature(ZonedDateTime t) {
    double base = 11 + 11 * season(t);
    return base + 5 * Math.cos(2 * Math.PI * (hourOf(t) - 15) / 24.0);
  }

  static double outdoorHumidity(ZonedDateTime t) {
    return 70 - 15 * Math.cos(2 * Math.PI * (hourOf(t) - 4) / 24.0) - 10 * season(t);
  }

  /** 0..1 share of the clear-sky noon irradiance. */
  static double sun(ZonedDateTime t) {
    double halfDay = 5 + 2.5 * season(t);
    double x = (hourOf(t) - 13.5) / halfDay;
    return Math.abs(x) >= 1 ? 0 : Math.cos(x * Math.PI / 2);
  }

  static double directIrradiance(ZonedDateTime t) {
    return 750 * sun(t) * (0.7 + 0.3 * season(t));
  }

  static double diffuseIrradiance(ZonedDateTime t) {
    return 160 * sun(t);
  }

  /**
   * Household-like load in kW: night base, a morning peak around 8 h and an evening one around 20
   * h.
   */
  static double loadKw(ZonedDateTime t, int building) {
    double h = hourOf(t);
    double morning = Math.exp(-Math.pow(h - 8, 2) / 2);
    double evening = Math.exp(-Math.pow(h - 20, 2) / 3);
    double weekend = t.getDayOfWeek().getValue() >= 6 ? 1.2 : 1.0;
    return (0.4 + 0.1 * building) * weekend * (1 + 1.5 * morning + 2.2 * evening);
  }

  static double pricePerKwh(ZonedDateTime t) {
    double h = hourOf(t);
    if (h >= 22 || h < 8) {
      return 0.10;
    }
    return (h >= 9 && h < 13) || (h >= 18 && h < 21) ? 0.22 : 0.16;
  }

  static double carbonIntensity(ZonedDateTime t) {
    return 0.25 - 0.12 * sun(t) + 0.03 * Math.cos(2 * Math.PI * (hourOf(t) - 19) / 24.0);
  }
}
