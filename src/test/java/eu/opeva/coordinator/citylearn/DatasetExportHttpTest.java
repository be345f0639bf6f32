package eu.opeva.coordinator.citylearn;

import static org.assertj.core.api.Assertions.assertThat;

import eu.opeva.coordinator.demo.DemoSite;
import eu.opeva.coordinator.testing.MongoHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "A generated site exports to a CityLearn dataset with the files and schema of the builder")
class DatasetExportHttpTest extends MongoHttpTest {
  static final Instant START = Instant.parse("2024-06-10T00:15:00Z");
  final DemoSite site = new DemoSite("demo_site", 3, START, 2 * 96, 15, 42, true);

  @BeforeEach
  void load() {
    loadDemo(site);
  }

  JsonObject export(String name, int period) {
    var r =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", name)
                .put("site_id", "demo_site")
                .put("period", period)
                .put("description", "two demo days")
                .put(
                    "citylearn_configs",
                    new JsonObject()
                        .put("selected_buildings", new JsonArray().add("1").add("2").add("3"))));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @ParameterizedTest(name = "period {0} minutes")
  @ValueSource(ints = {60, 15})
  @DisplayName(
      "every CSV has the exact header and one row per time step, and the schema points at them")
  void filesAndRows(int period) throws IOException {
    JsonObject body = export("demo", period);
    Path dir = root.resolve("datasets/demo");
    int rows = body.getJsonObject("validation").getJsonObject("time_window").getInteger("rows");
    assertThat(rows)
        .isEqualTo(
            (int)
                ((site.end().toEpochMilli() / 60_000 / period * period
                        - (START.toEpochMilli() / 60_000 / period * period))
                    / period));
    assertThat(body.getString("message")).isEqualTo("Dataset created");
    assertThat(body.getString("description")).isEqualTo("two demo days");
    assertThat(body.getJsonObject("validation").getJsonObject("static").getBoolean("ok")).isTrue();

    for (String b : List.of("1", "2", "3")) {
      assertCsv(dir.resolve(b + ".csv"), Columns.BUILDING_HEADER, rows);
    }
    assertCsv(
        dir.resolve("pricing.csv"),
        List.of(
            "electricity_pricing",
            "electricity_pricing_predicted_1",
            "electricity_pricing_predicted_2",
            "electricity_pricing_predicted_3"),
        rows);
    assertCsv(
        dir.resolve("weather.csv"),
        List.of(
            "outdoor_dry_bulb_temperature",
            "outdoor_relative_humidity",
            "diffuse_solar_irradiance",
            "direct_solar_irradiance",
            "outdoor_dry_bulb_temperature_predicted_1",
            "outdoor_dry_bulb_temperature_predicted_2",
            "outdoor_dry_bulb_temperature_predicted_3",
            "outdoor_relative_humidity_predicted_1",
            "outdoor_relative_humidity_predicted_2",
            "outdoor_relative_humidity_predicted_3",
            "diffuse_solar_irradiance_predicted_1",
            "diffuse_solar_irradiance_predicted_2",
            "diffuse_solar_irradiance_predicted_3",
            "direct_solar_irradiance_predicted_1",
            "direct_solar_irradiance_predicted_2",
            "direct_solar_irradiance_predicted_3"),
        rows);
    assertCsv(dir.resolve("carbon_intensity.csv"), List.of("carbon_intensity"), rows);
    List<String> chargerHeader =
        List.of(
            "electric_vehicle_charger_state",
            "electric_vehicle_id",
            "electric_vehicle_departure_time",
            "electric_vehicle_required_soc_departure",
            "electric_vehicle_estimated_arrival_time",
            "electric_vehicle_estimated_soc_arrival");
    assertCsv(dir.resolve("charger_1_charger_1_1.csv"), chargerHeader, rows);
    assertCsv(dir.resolve("charger_3_charger_3_1.csv"), chargerHeader, rows);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "1.csv",
              "2.csv",
              "3.csv",
              "pricing.csv",
              "weather.csv",
              "carbon_intensity.csv",
              "charger_1_charger_1_1.csv",
              "charger_3_charger_3_1.csv",
              "schema.json");
    }
    JsonObject schema = new JsonObject(Files.readString(dir.resolve("schema.json")));
    assertThat(StaticValidation.validate(dir, schema, rows)).isEmpty();
    assertSchema(schema, rows, period);
    try (Stream<Path> leftovers = Files.list(root.resolve("datasets"))) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("demo");
    }
  }

  void assertSchema(JsonObject schema, int rows, int period) {
    assertThat(schema.getInteger("simulation_start_time_step")).isZero();
    assertThat(schema.getInteger("simulation_end_time_step")).isEqualTo(rows - 1);
    assertThat(schema.getInteger("seconds_per_time_step")).isEqualTo(period * 60);
    assertThat(schema.getInteger("random_seed")).isEqualTo(2022);
    assertThat(schema.getString("description")).isEqualTo("two demo days");
    assertThat(schema.getJsonObject("agent").getString("type"))
        .isEqualTo("citylearn.agents.rbc.BasicElectricVehicleRBC_ReferenceController");
    assertThat(schema.getJsonObject("observations").getJsonObject("hour").getBoolean("active"))
        .isTrue();
    assertThat(
            schema
                .getJsonObject("observations")
                .getJsonObject("daylight_savings_status")
                .getBoolean("active"))
        .isFalse();
    assertThat(
            schema
                .getJsonObject("actions")
                .getJsonObject("electric_vehicle_storage")
                .getBoolean("active"))
        .isTrue();
    JsonObject b1 = schema.getJsonObject("buildings").getJsonObject("1");
    assertThat(b1.getString("energy_simulation")).isEqualTo("1.csv");
    assertThat(b1.getString("weather")).isEqualTo("weather.csv");
    assertThat(b1.getBoolean("include")).isTrue();
    assertThat(b1.getJsonObject("pv").getJsonObject("attributes").getDouble("nominal_power"))
        .isEqualTo(4.0);
    assertThat(b1.getJsonObject("electrical_storage").getString("type"))
        .isEqualTo("citylearn.energy_model.Battery");
    JsonObject charger = b1.getJsonObject("chargers").getJsonObject("charger_1_1");
    assertThat(charger.getString("charger_simulation")).isEqualTo("charger_1_charger_1_1.csv");
    assertThat(charger.getString("type")).isEqualTo("citylearn.electric_vehicle_charger.Charger");
    assertThat(charger.getJsonObject("attributes").getDouble("efficiency")).isEqualTo(0.95);
    assertThat(charger.getJsonObject("attributes").getDouble("max_charging_power")).isEqualTo(7.4);
    assertThat(schema.getJsonObject("buildings").getJsonObject("2").containsKey("chargers"))
        .isFalse();
    JsonObject ev = schema.getJsonObject("electric_vehicles_def").getJsonObject("ev_1");
    assertThat(ev.getJsonObject("battery").getJsonObject("attributes").getDouble("capacity"))
        .isEqualTo(60.0);
    assertThat(ev.getJsonObject("battery").getJsonObject("attributes").getDouble("nominal_power"))
        .isEqualTo(7.4);
  }

  @Test
  @DisplayName(
      "the demo's long gaps are reported as warnings and the generation is recorded as succeeded")
  void warningsAndStatus() {
    JsonObject body = export("demo", 60);
    List<String> warnings = body.getJsonArray("warnings").stream().map(String::valueOf).toList();
    assertThat(warnings)
        .anyMatch(
            w ->
                w.startsWith("Building '1': no records for 3 time step(s)")
                    && w.contains("not interpolated"));
    assertThat(warnings).isSorted();
    JsonObject status = tc.get("/dataset/demo/status").bodyAsJsonObject();
    assertThat(status.getString("state")).isEqualTo("succeeded");
    assertThat(status.getLong("documents_read")).isGreaterThan(500L);
    assertThat(status.getLong("rows_written")).isEqualTo(status.getLong("rows_total"));
    assertThat(status.getJsonObject("result")).isEqualTo(body);
    assertThat(tc.get("/datasets").bodyAsJsonArray().getJsonObject(0))
        .isEqualTo(new JsonObject().put("name", "demo").put("description", "two demo days"));
  }

  static void assertCsv(Path file, List<String> header, int rows) throws IOException {
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).as(file.getFileName().toString()).isEqualTo(String.join(",", header));
    assertThat(lines).as(file.getFileName().toString()).hasSize(rows + 1);
  }
}
