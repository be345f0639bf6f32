package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonObject;

/** The defaults template: values for missing cells, EVs and chargers (overridable per request). */
final class Defaults {
  private Defaults() {}

  static JsonObject template() {
    JsonObject building =
        new JsonObject()
            .put("indoor_dry_bulb_temperature", 20.0)
            .put("average_unmet_cooling_setpoint_difference", 0)
            .put("indoor_relative_humidity", 50.0);
    for (String c :
        new String[] {
          "non_shiftable_load", "dhw_demand", "cooling_demand", "heating_demand", "solar_generation"
        }) {
      building.put(c, 0);
    }
    JsonObject pricing = new JsonObject().put("electricity_pricing", 0);
    for (int k = 1; k <= 3; k++) {
      pricing.put("electricity_pricing_predicted_" + k, 0);
    }
    JsonObject weather = new JsonObject();
    for (String base : Columns.WEATHER_BASE) {
      double value =
          base.equals("outdoor_dry_bulb_temperature")
              ? 20.0
              : base.equals("outdoor_relative_humidity") ? 50.0 : 0;
      weather.put(base, value);
      for (int k = 1; k <= 3; k++) {
        weather.put(base + "_predicted_" + k, value);
      }
    }
    JsonObject charger =
        new JsonObject()
            .put("electric_vehicle_charger_state", 1)
            .putNull("departure_time")
            .putNull("required_soc_departure")
            .putNull("estimated_arrival_time")
            .putNull("estimated_soc_arrival");
    JsonObject ev =
        new JsonObject()
            .put("battery_capacity", 50)
            .put("nominal_power", 50)
            .put("initial_soc", 0.5)
            .put("depth_of_discharge", 0.9);
    JsonObject chargerAttributes =
        new JsonObject()
            .put("nominal_power", 7.4)
            .put("efficiency", 0.95)
            .put("charger_type", 1)
            .put("max_charging_power", 7.4)
            .put("min_charging_power", 0)
            .put("max_discharging_power", 7.4)
            .put("min_discharging_power", 0);
    return new JsonObject()
        .put("building", building)
        .put("pricing", pricing)
        .put("weather", weather)
        .put("carbon_intensity", 0)
        .put("charger", charger)
        .put("electric_vehicle", ev)
        .put("charger_attributes", chargerAttributes);
  }
}
