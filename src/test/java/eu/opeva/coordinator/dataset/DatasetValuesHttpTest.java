package eu.opeva.coordinator.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import eu.opeva.coordinator.testing.MongoHttpTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exported values match sums and means worked out by hand")
class DatasetValuesHttpTest extends MongoHttpTest {
  Path dir;
  JsonObject body;

  @Override
  protected Map<String, String> siteEnv() {
    return Map.of("ACCEPTABLE_GAP_IN_MINUTES", "60");
  }

  @BeforeEach
  void export() {
    schema("lab", LabSite.schema());
    insert("lab", "building_1", LabSite.building1());
    var r =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "lab_set")
                .put("site_id", "lab")
                .put("citylearn_configs", new JsonObject().put("defaults", new JsonObject())));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    body = r.bodyAsJsonObject();
    dir = root.resolve("datasets/lab_set");
  }

  List<String[]> rows(String file) throws IOException {
    return Files.readAllLines(dir.resolve(file)).stream()
        .skip(1)
        .map(l -> l.split(",", -1))
        .toList();
  }

  static double num(String cell) {
    return Double.parseDouble(cell);
  }

  @Test
  @DisplayName("ten hourly rows labelled by their end, from 23:00 to 08:00")
  void window() {
    JsonObject window = body.getJsonObject("validation").getJsonObject("time_window");
    assertThat(window)
        .isEqualTo(
            new JsonObject()
                .put("from_ts", "2024-03-30T23:00:00Z")
                .put("until_ts", "2024-03-31T08:00:00Z")
                .put("rows", 10));
  }

  @Test
  @DisplayName("energy is summed and levels averaged per step, string timestamps included")
  void sumsAndMeans() throws IOException {
    List<String[]> b = rows("1.csv");
    assertThat(b).hasSize(10);
    for (int r : new int[] {0, 1, 2, 3, 5, 8, 9}) {
      assertThat(num(b.get(r)[7])).as("load row %d", r).isCloseTo(16 * r + 10, within(1e-9));
      assertThat(num(b.get(r)[4])).as("temperature row %d", r).isCloseTo(20.625 + r, within(1e-9));
    }
    List<String[]> pricing = rows("pricing.csv");
    assertThat(num(pricing.get(1)[0])).isCloseTo((60 + 37.5) / 1000, within(1e-9));
    assertThat(num(pricing.get(1)[1])).isEqualTo(0.5);
    assertThat(pricing.get(1)[2])
        .as("missing prediction takes the current price")
        .isEqualTo(pricing.get(1)[0]);
    assertThat(pricing.get(1)[3]).isEqualTo(pricing.get(1)[0]);
    assertThat(num(rows("carbon_intensity.csv").get(0)[0])).isEqualTo(0.2);
    assertThat(num(rows("weather.csv").get(0)[0])).isEqualTo(10.0);
    assertThat(num(rows("weather.csv").get(0)[4]))
        .as("prediction falls back to the current value")
        .isEqualTo(10.0);
  }

  @Test
  @DisplayName("a one-hour gap is interpolated, a two-hour gap is not, and both are reported")
  void gaps() throws IOException {
    List<String[]> b = rows("1.csv");
    assertThat(num(b.get(4)[4])).as("interpolated temperature").isCloseTo(24.625, within(1e-9));
    assertThat(num(b.get(4)[7])).as("no energy in the gap").isZero();
    assertThat(num(rows("weather.csv").get(4)[0])).isEqualTo(10.0);
    assertThat(num(b.get(6)[4])).as("default temperature").isEqualTo(20.0);
    assertThat(num(b.get(7)[4])).isEqualTo(20.0);
    assertThat(num(b.get(6)[7])).isZero();
    List<String> warnings = body.getJsonArray("warnings").stream().map(String::valueOf).toList();
    assertThat(warnings)
        .contains(
            "Building '1': no records for 1 time step(s) from 2024-03-31T02:00:00Z to 2024-03-31T03:00:00Z; averaged"
                + " columns interpolated (gap within ACCEPTABLE_GAP_IN_MINUTES=60), energy columns 0.",
            "Building '1': no records for 2 time step(s) from 2024-03-31T04:00:00Z to 2024-03-31T06:00:00Z; longer than"
                + " ACCEPTABLE_GAP_IN_MINUTES=60, so not interpolated; averaged columns take the defaults, energy"
                + " columns 0.",
            "building '1': filled 2 missing values for 'indoor_dry_bulb_temperature' with deterministic defaults.",
            "weather: filled 10 missing values for 'diffuse_solar_irradiance' with deterministic defaults.");
  }

  @Test
  @DisplayName(
      "calendar columns are Lisbon time: hour 24 belongs to the day it ends, summer time from 01:00 UTC")
  void calendar() throws IOException {
    List<String[]> b = rows("1.csv");
    assertThat(List.of(b.get(0)).subList(0, 4)).containsExactly("3", "23", "6", "0");
    assertThat(List.of(b.get(1)).subList(0, 4)).containsExactly("3", "24", "6", "0");
    assertThat(List.of(b.get(2)).subList(0, 4)).containsExactly("3", "2", "7", "1");
    assertThat(List.of(b.get(9)).subList(0, 4)).containsExactly("3", "9", "7", "1");
    List<String[]> wm = rows("washing_machine_1_wm1.csv");
    assertThat(wm).hasSize(10);
    assertThat(List.of(wm.get(1))).containsExactly("6", "24", "-1", "-1", "-1");
  }

  @Test
  @DisplayName(
      "the charger file has the plugged-in EV in its step, with departure in steps and SOCs in percent")
  void chargerRows() throws IOException {
    List<String[]> c = rows("charger_1_c1.csv");
    assertThat(c).hasSize(10);
    assertThat(List.of(c.get(1))).containsExactly("1", "ev_9", "3.0", "80.0", "", "35.0");
    assertThat(List.of(c.get(0))).containsExactly("1", "", "", "", "", "");
    assertThat(List.of(c.get(2))).containsExactly("1", "", "", "", "", "");
    JsonObject schema = new JsonObject(Files.readString(dir.resolve("schema.json")));
    JsonObject charger =
        schema
            .getJsonObject("buildings")
            .getJsonObject("1")
            .getJsonObject("chargers")
            .getJsonObject("c1");
    assertThat(charger.getJsonObject("attributes").getInteger("nominal_power")).isEqualTo(11);
    assertThat(charger.getJsonObject("attributes").getDouble("efficiency")).isEqualTo(0.95);
    assertThat(
            schema
                .getJsonObject("electric_vehicles_def")
                .getJsonObject("ev_9")
                .getJsonObject("battery")
                .getJsonObject("attributes")
                .getInteger("capacity"))
        .isEqualTo(50);
    assertThat(
            schema
                .getJsonObject("buildings")
                .getJsonObject("1")
                .getJsonObject("washing_machines")
                .getJsonObject("wm1")
                .getString("washing_machine_energy_simulation"))
        .isEqualTo("washing_machine_1_wm1.csv");
  }

  @Test
  @DisplayName("a failed regeneration leaves the previous dataset exactly as it was")
  void failedRegenerationKeepsOld() throws IOException {
    byte[] before = Files.readAllBytes(dir.resolve("1.csv"));
    byte[] schemaBefore = Files.readAllBytes(dir.resolve("schema.json"));
    var invalid =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "lab_set")
                .put("site_id", "lab")
                .put(
                    "citylearn_configs",
                    new JsonObject()
                        .put(
                            "schema_overrides",
                            new JsonObject()
                                .put(
                                    "buildings",
                                    new JsonObject()
                                        .put(
                                            "1",
                                            new JsonObject()
                                                .put("energy_simulation", "missing.csv"))))));
    assertThat(invalid.statusCode()).isEqualTo(400);
    JsonObject detail = invalid.bodyAsJsonObject().getJsonObject("detail");
    assertThat(detail.getString("message"))
        .isEqualTo("Generated dataset failed CityLearn static validation.");
    assertThat(detail.getJsonArray("errors").getString(0)).contains("missing.csv");
    var empty =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "lab_set")
                .put("site_id", "lab")
                .put("from_ts", "2030-01-01T00:00:00Z")
                .put("citylearn_configs", new JsonObject()));
    assertThat(empty.statusCode()).isEqualTo(404);
    var noSite =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "lab_set")
                .put("site_id", "gone")
                .put("citylearn_configs", new JsonObject()));
    assertThat(noSite.statusCode()).isEqualTo(404);
    assertThat(Files.readAllBytes(dir.resolve("1.csv"))).isEqualTo(before);
    assertThat(Files.readAllBytes(dir.resolve("schema.json"))).isEqualTo(schemaBefore);
    try (var entries = Files.list(root.resolve("datasets"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("lab_set");
    }
    assertThat(tc.get("/dataset/lab_set/status").bodyAsJsonObject().getString("state"))
        .isEqualTo("failed");
  }

  @Test
  @DisplayName(
      "buildings read only their own collection: building 1 never takes building_10's data")
  void exactCollections() throws IOException {
    schema(
        "pair",
        new JsonObject()
            .put(
                "buildings",
                new JsonObject().put("1", new JsonObject()).put("10", new JsonObject())));
    insert("pair", "building_10", LabSite.building1());
    var r =
        tc.post(
            "/dataset",
            new JsonObject()
                .put("name", "pair")
                .put("site_id", "pair")
                .put(
                    "citylearn_configs",
                    new JsonObject()
                        .put("selected_buildings", new JsonArray().add(1).add("10").add("7"))));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    List<String> warnings =
        r.bodyAsJsonObject().getJsonArray("warnings").stream().map(String::valueOf).toList();
    assertThat(warnings)
        .contains(
            "Building '1' skipped: no Mongo collection named 'building_1'.",
            "Ignored unknown selected_buildings entries: 7.");
    JsonObject schema = new JsonObject(Files.readString(root.resolve("datasets/pair/schema.json")));
    assertThat(schema.getJsonObject("buildings").fieldNames()).containsExactly("10");
    assertThat(root.resolve("datasets/pair/10.csv")).exists();
    assertThat(root.resolve("datasets/pair/1.csv")).doesNotExist();
  }
}
