package eu.opeva.coordinator.citylearn;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code citylearn_configs} normalised: the buildings to export, overrides for the generated
 * schema, the defaults for missing values and whether a smoke check was asked for. An object with
 * none of the recognised keys is the legacy form: schema overrides plus an optional {@code
 * buildings} list.
 */
public record CityLearnOptions(
    List<String> selectedBuildings,
    JsonObject schemaOverrides,
    JsonObject buildingOverrides,
    JsonObject defaults,
    boolean smokeCheck,
    List<String> warnings) {
  static final Set<String> KEYS =
      Set.of(
          "selected_buildings", "schema_overrides", "building_overrides", "defaults", "validation");

  public static CityLearnOptions of(JsonObject raw) {
    List<String> warnings = new ArrayList<>();
    if (raw.fieldNames().stream().noneMatch(KEYS::contains)) {
      JsonObject overrides = raw.copy();
      Object buildings = overrides.remove("buildings");
      warnings.add(
          "Legacy citylearn_configs detected: interpreted as schema_overrides with optional 'buildings'.");
      return new CityLearnOptions(
          buildings instanceof JsonArray a ? strings(a) : null,
          overrides,
          new JsonObject(),
          Defaults.template(),
          false,
          warnings);
    }
    Object selected = raw.getValue("selected_buildings");
    if (selected != null && !(selected instanceof JsonArray)) {
      throw ApiFailure.badRequest("citylearn_configs.selected_buildings must be a list");
    }
    JsonObject schemaOverrides = object(raw, "schema_overrides");
    JsonObject buildingOverrides = object(raw, "building_overrides");
    JsonObject defaults = JsonValues.deepMerge(Defaults.template(), object(raw, "defaults"));
    JsonObject validation = object(raw, "validation");
    return new CityLearnOptions(
        selected == null ? null : strings((JsonArray) selected),
        schemaOverrides,
        buildingOverrides,
        defaults,
        JsonValues.truthy(validation.getValue("smoke_check")),
        warnings);
  }

  private static JsonObject object(JsonObject raw, String key) {
    Object v = raw.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw ApiFailure.badRequest("citylearn_configs." + key + " must be an object");
    }
    return o;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (o != null) {
        out.add(
            o instanceof Double d && d == Math.rint(d)
                ? String.valueOf(d.longValue())
                : String.valueOf(o));
      }
    }
    return out;
  }
}
