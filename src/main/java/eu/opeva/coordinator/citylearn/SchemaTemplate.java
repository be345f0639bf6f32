package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The fixed parts of a generated {@code schema.json}: observations, actions, agent, reward,
 * defaults.
 */
final class SchemaTemplate {
  private static final List<String> INACTIVE =
      List.of(
          "indoor_dry_bulb_temperature",
          "average_unmet_cooling_setpoint_difference",
          "indoor_relative_humidity",
          "cooling_storage_soc",
          "heating_storage_soc",
          "dhw_storage_soc",
          "power_outage",
          "comfort_band");
  private static final List<String> ACTIVE_PRIVATE =
      List.of(
          "non_shiftable_load",
          "solar_generation",
          "electrical_storage_soc",
          "net_electricity_consumption");
  private static final List<String> DEVICES =
      List.of(
          "electric_vehicle_charger_connected_state",
          "connected_electric_vehicle_at_charger_departure_time",
          "connected_electric_vehicle_at_charger_required_soc_departure",
          "connected_electric_vehicle_at_charger_soc",
          "electric_vehicle_charger_incoming_state",
          "incoming_electric_vehicle_at_charger_estimated_arrival_time",
          "incoming_electric_vehicle_at_charger_estimated_soc_arrival",
          "washing_machine_start_time_step",
          "washing_machine_end_time_step");

  private SchemaTemplate() {}

  static JsonObject base(int rows, int periodMinutes, String description) {
    return new JsonObject()
        .put("random_seed", 2022)
        .putNull("root_directory")
        .put("central_agent", false)
        .put("simulation_start_time_step", 0)
        .put("simulation_end_time_step", rows - 1)
        .putNull("episode_time_steps")
        .put("rolling_episode_split", false)
        .put("random_episode_split", false)
        .put("seconds_per_time_step", periodMinutes * 60)
        .put("observations", observations())
        .put("actions", actions())
        .put(
            "agent",
            new JsonObject()
                .put("type", "citylearn.agents.rbc.BasicElectricVehicleRBC_ReferenceController")
                .put("attributes", new JsonObject()))
        .put(
            "reward_function",
            new JsonObject()
                .put("type", "citylearn.reward_function.Electric_Vehicles_Reward_Function")
                .put("attributes", new JsonObject()))
        .put("electric_vehicles_def", new JsonObject())
        .put("buildings", new JsonObject())
        .put("description", description);
  }

  static JsonObject observations() {
    JsonObject out = new JsonObject();
    for (String c : List.of("month", "day_type", "hour")) {
      out.put(c, flags(true, true));
    }
    out.put("daylight_savings_status", flags(false, true));
    Columns.WEATHER.forEach(c -> out.put(c, flags(true, true)));
    out.put("carbon_intensity", flags(true, true));
    INACTIVE.forEach(c -> out.put(c, flags(false, false)));
    ACTIVE_PRIVATE.forEach(c -> out.put(c, flags(true, false)));
    Columns.PRICING.forEach(c -> out.put(c, flags(true, true)));
    DEVICES.forEach(c -> out.put(c, flags(true, true)));
    return out;
  }

  static JsonObject actions() {
    JsonObject out = new JsonObject();
    for (String a :
        List.of("cooling_storage", "heating_storage", "dhw_storage", "washing_machine")) {
      out.put(a, new JsonObject().put("active", false));
    }
    out.put("electrical_storage", new JsonObject().put("active", true));
    out.put("electric_vehicle_storage", new JsonObject().put("active", true));
    return out;
  }

  static JsonObject building(String energyFile) {
    JsonObject storage =
        new JsonObject()
            .put("type", "citylearn.energy_model.Battery")
            .put("autosize", false)
            .put(
                "attributes",
                new JsonObject()
                    .put("capacity", 6.4)
                    .put("efficiency", 0.9)
                    .put("capacity_loss_coefficient", 1e-5)
                    .put("loss_coefficient", 0)
                    .put("nominal_power", 5.0));
    JsonObject pv =
        new JsonObject()
            .put("type", "citylearn.energy_model.PV")
            .put("autosize", false)
            .put("attributes", new JsonObject().put("nominal_power", 1.0));
    return new JsonObject()
        .put("include", true)
        .put("energy_simulation", energyFile)
        .put("weather", "weather.csv")
        .put("carbon_intensity", "carbon_intensity.csv")
        .put("pricing", "pricing.csv")
        .put("inactive_observations", new JsonArray())
        .put("inactive_actions", new JsonArray())
        .put("electrical_storage", storage)
        .put("pv", pv);
  }

  static JsonObject electricVehicle(JsonObject defaults) {
    JsonObject ev = defaults.getJsonObject("electric_vehicle", new JsonObject());
    return new JsonObject()
        .put("include", true)
        .put(
            "battery",
            new JsonObject()
                .put("type", "citylearn.energy_model.Battery")
                .put("autosize", false)
                .put(
                    "attributes",
                    new JsonObject()
                        .put("capacity", ev.getValue("battery_capacity"))
                        .put("nominal_power", ev.getValue("nominal_power"))
                        .put("initial_soc", ev.getValue("initial_soc"))
                        .put("depth_of_discharge", ev.getValue("depth_of_discharge"))));
  }

  private static JsonObject flags(boolean active, boolean shared) {
    return new JsonObject().put("active", active).put("shared_in_central_agent", shared);
  }
}
