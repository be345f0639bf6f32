package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Assembles {@code schema.json}: building entries, EV definitions, then the request's overrides.
 */
final class SchemaBuilder {
  private final JsonObject schema;
  private final JsonObject defaults;
  private final Set<String> evIds = new TreeSet<>();

  SchemaBuilder(int rows, int periodMinutes, String description, JsonObject defaults) {
    this.schema = SchemaTemplate.base(rows, periodMinutes, description);
    this.defaults = defaults;
  }

  /** Adds a building exported with these files; {@code source} is its entry in the site schema. */
  void addBuilding(
      String id,
      JsonObject source,
      String energyFile,
      ChargerOutputs chargers,
      Map<String, String> washingMachineFiles) {
    JsonObject b = JsonValues.deepMerge(SchemaTemplate.building(energyFile), source);
    b.put("energy_simulation", energyFile)
        .put("weather", "weather.csv")
        .put("pricing", "pricing.csv")
        .put("carbon_intensity", "carbon_intensity.csv")
        .put("include", true);
    for (String list : List.of("inactive_observations", "inactive_actions")) {
      if (!b.containsKey(list)) {
        b.put(list, new io.vertx.core.json.JsonArray());
      }
    }
    JsonObject sourceChargers = chargerConfigs(source);
    b.remove("chargers");
    b.remove("ev_chargers");
    if (!chargers.disabled() && !chargers.fileNames().isEmpty()) {
      JsonObject out = new JsonObject();
      chargers
          .fileNames()
          .forEach(
              (cid, file) -> {
                JsonObject base =
                    new JsonObject()
                        .put("type", "citylearn.electric_vehicle_charger.Charger")
                        .put("charger_simulation", file)
                        .put("autosize", false)
                        .put(
                            "attributes",
                            defaults.getJsonObject("charger_attributes", new JsonObject()).copy());
                JsonObject merged =
                    JsonValues.deepMerge(
                        base, sourceChargers.getValue(cid) instanceof JsonObject c ? c : null);
                out.put(cid, merged.put("charger_simulation", file));
              });
      b.put("chargers", out);
      evIds.addAll(chargers.evIds());
    }
    if (!washingMachineFiles.isEmpty()) {
      JsonObject sourceMachines =
          source.getValue("washing_machines") instanceof JsonObject w ? w : new JsonObject();
      JsonObject out = new JsonObject();
      washingMachineFiles.forEach(
          (wm, file) -> {
            JsonObject base =
                new JsonObject()
                    .put("type", "citylearn.energy_model.WashingMachine")
                    .put("autosize", false)
                    .put("washing_machine_energy_simulation", file);
            JsonObject merged =
                JsonValues.deepMerge(
                    base, sourceMachines.getValue(wm) instanceof JsonObject c ? c : null);
            out.put(wm, merged.put("washing_machine_energy_simulation", file));
          });
      b.put("washing_machines", out);
    }
    schema.getJsonObject("buildings").put(id, b);
  }

  static JsonObject chargerConfigs(JsonObject source) {
    if (source.getValue("chargers") instanceof JsonObject c) {
      return c;
    }
    return source.getValue("ev_chargers") instanceof JsonObject c ? c : new JsonObject();
  }

  int buildings() {
    return schema.getJsonObject("buildings").size();
  }

  /**
   * The final schema: site EV definitions, observed EVs, then schema and per-building overrides.
   */
  JsonObject build(JsonObject siteSchema, CityLearnOptions options, List<String> warnings) {
    JsonObject evs = schema.getJsonObject("electric_vehicles_def");
    if (siteSchema.getValue("electric_vehicles_def") instanceof JsonObject siteDefs) {
      evs = JsonValues.deepMerge(evs, siteDefs);
    }
    if (siteSchema.getValue("evs") instanceof JsonObject siteEvs) {
      for (String ev : siteEvs.fieldNames()) {
        JsonObject def = SchemaTemplate.electricVehicle(defaults);
        if (siteEvs.getValue(ev) instanceof JsonObject cfg) {
          JsonObject attributes = def.getJsonObject("battery").getJsonObject("attributes");
          if (cfg.getValue("battery_capacity") != null) {
            attributes.put("capacity", cfg.getValue("battery_capacity"));
          }
          if (cfg.getValue("charging_power") != null) {
            attributes.put("nominal_power", cfg.getValue("charging_power"));
          }
        }
        evs.put(
            ev,
            JsonValues.deepMerge(
                def, evs.getValue(ev) instanceof JsonObject existing ? existing : null));
      }
    }
    for (String ev : evIds) {
      if (!evs.containsKey(ev)) {
        evs.put(ev, SchemaTemplate.electricVehicle(defaults));
      }
    }
    schema.put("electric_vehicles_def", evs);
    JsonObject result = JsonValues.deepMerge(schema, options.schemaOverrides());
    JsonObject buildings = result.getJsonObject("buildings");
    options
        .buildingOverrides()
        .forEach(
            e -> {
              if (!(e.getValue() instanceof JsonObject override)) {
                warnings.add(
                    "Ignored building_overrides for '"
                        + e.getKey()
                        + "': value must be an object.");
              } else if (buildings == null
                  || !(buildings.getValue(e.getKey()) instanceof JsonObject b)) {
                warnings.add(
                    "Ignored building_overrides for unknown building '" + e.getKey() + "'.");
              } else {
                buildings.put(e.getKey(), JsonValues.deepMerge(b, override));
              }
            });
    return result;
  }
}
