package eu.opeva.coordinator.citylearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns of the CityLearn files and how each is aggregated over a time step. Every document
 * yields all {@link #COUNT} values; their order is the files' column order.
 */
final class Columns {
  static final List<String> CALENDAR =
      List.of("month", "hour", "day_type", "daylight_savings_status");
  static final List<String> ENERGY =
      List.of(
          "indoor_dry_bulb_temperature",
          "average_unmet_cooling_setpoint_difference",
          "indoor_relative_humidity",
          "non_shiftable_load",
          "dhw_demand",
          "cooling_demand",
          "heating_demand",
          "solar_generation");

  /** Energy per step: summed; everything else is a level and is averaged. */
  static final Set<String> SUMS =
      Set.of(
          "non_shiftable_load",
          "dhw_demand",
          "cooling_demand",
          "heating_demand",
          "solar_generation");

  static final List<String> PRICING =
      List.of(
          "electricity_pricing",
          "electricity_pricing_predicted_1",
          "electricity_pricing_predicted_2",
          "electricity_pricing_predicted_3");
  static final List<String> WEATHER_BASE =
      List.of(
          "outdoor_dry_bulb_temperature",
          "outdoor_relative_humidity",
          "diffuse_solar_irradiance",
          "direct_solar_irradiance");
  static final List<String> WEATHER = weather();
  static final List<String> CARBON = List.of("carbon_intensity");

  static final int ENERGY_AT = 0;
  static final int PRICING_AT = ENERGY_AT + ENERGY.size();
  static final int WEATHER_AT = PRICING_AT + PRICING.size();
  static final int CARBON_AT = WEATHER_AT + WEATHER.size();
  static final int COUNT = CARBON_AT + CARBON.size();
  static final List<String> ALL = all();

  static final List<String> BUILDING_HEADER = concat(CALENDAR, ENERGY);
  static final List<String> CHARGER_HEADER =
      List.of(
          "electric_vehicle_charger_state",
          "electric_vehicle_id",
          "electric_vehicle_departure_time",
          "electric_vehicle_required_soc_departure",
          "electric_vehicle_estimated_arrival_time",
          "electric_vehicle_estimated_soc_arrival");
  static final List<String> WASHING_MACHINE_HEADER =
      List.of("day_type", "hour", "wm_start_time_step", "wm_end_time_step", "load_profile");

  private Columns() {}

  static boolean isSum(int column) {
    return SUMS.contains(ALL.get(column));
  }

  /** The group of the defaults template holding this column's default ({@code null}: top level). */
  static String defaultsGroup(int column) {
    if (column < PRICING_AT) {
      return "building";
    }
    if (column < WEATHER_AT) {
      return "pricing";
    }
    return column < CARBON_AT ? "weather" : null;
  }

  /** The column whose value a missing {@code *_predicted_k} takes, or -1. */
  static int baseOf(int column) {
    String name = ALL.get(column);
    int at = name.indexOf("_predicted_");
    return at < 0 ? -1 : ALL.indexOf(name.substring(0, at));
  }

  private static List<String> weather() {
    List<String> out = new ArrayList<>(WEATHER_BASE);
    for (String base : WEATHER_BASE) {
      for (int k = 1; k <= 3; k++) {
        out.add(base + "_predicted_" + k);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> all() {
    List<String> out = new ArrayList<>(ENERGY);
    out.addAll(PRICING);
    out.addAll(WEATHER);
    out.addAll(CARBON);
    return List.copyOf(out);
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
