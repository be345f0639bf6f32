package eu.opeva.coordinator.citylearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Parts of the dataset builder")
class BuilderPartsTest {

  @Test
  @DisplayName("the grid labels rows by the end of their step and finds the row of any instant")
  void grid() {
    long hour = 3_600_000;
    TimeGrid grid =
        new TimeGrid(
            Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2024-01-01T03:00:00Z").toEpochMilli(),
            hour);
    assertThat(grid.rows()).isEqualTo(3);
    assertThat(grid.label(0)).isEqualTo(Instant.parse("2024-01-01T01:00:00Z"));
    assertThat(grid.rowOf(Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo(-1);
    assertThat(grid.rowOf(Instant.parse("2024-01-01T00:00:01Z"))).isZero();
    assertThat(grid.rowOf(Instant.parse("2024-01-01T01:00:00Z"))).isZero();
    assertThat(grid.rowOf(Instant.parse("2024-01-01T01:00:00.001Z"))).isEqualTo(1);
    assertThat(grid.rowOf(Instant.parse("2024-01-01T03:00:00Z"))).isEqualTo(2);
    assertThat(grid.rowOf(Instant.parse("2024-01-01T03:00:01Z"))).isEqualTo(-1);
  }

  @Test
  @DisplayName(
      "calendar columns follow Lisbon time, summer and winter, with hour 24 on the day it ends")
  void calendar() {
    assertThat(LisbonCalendar.columns(Instant.parse("2024-07-01T11:00:00Z")))
        .containsExactly(7, 12, 1, 1);
    assertThat(LisbonCalendar.columns(Instant.parse("2024-01-31T23:00:00Z")))
        .containsExactly(1, 23, 3, 0);
    assertThat(LisbonCalendar.columns(Instant.parse("2024-02-01T00:00:00Z")))
        .containsExactly(1, 24, 3, 0);
    assertThat(LisbonCalendar.columns(Instant.parse("2024-10-27T00:30:00Z")))
        .containsExactly(10, 1, 7, 1);
    assertThat(LisbonCalendar.columns(Instant.parse("2024-10-27T01:30:00Z")))
        .containsExactly(10, 1, 7, 0);
  }

  @Test
  @DisplayName("values are read leniently, observations first, prices falling back to energy_price")
  void values() {
    assertThat(DocValues.number("12.5")).isEqualTo(12.5);
    assertThat(DocValues.number(" nan ")).isNaN();
    assertThat(DocValues.number(true)).isNaN();
    assertThat(DocValues.number(new JsonObject().put("value", "3"))).isEqualTo(3.0);
    assertThat(DocValues.number(new JsonObject().put("values", new JsonArray().add(4).add(5))))
        .isEqualTo(4.0);
    assertThat(DocValues.number(new JsonArray().add(6))).isEqualTo(6.0);
    double[] out = new double[Columns.COUNT];
    DocValues.extract(
        new JsonObject()
            .put("carbon_intensity", 0.1)
            .put("electricity_pricing_predicted_1", 0.9)
            .put("observations", new JsonObject().put("carbon_intensity", 0.3))
            .put("energy_price", new JsonArray().add(0.2).add(0.4).add(0.6)),
        out);
    assertThat(out[Columns.CARBON_AT]).isEqualTo(0.3);
    assertThat(out[Columns.PRICING_AT]).isEqualTo(0.2);
    assertThat(out[Columns.PRICING_AT + 1]).isEqualTo(0.9);
    assertThat(out[Columns.PRICING_AT + 2]).isEqualTo(0.6);
    assertThat(out[Columns.PRICING_AT + 3]).isNaN();
    assertThat(DocValues.price(new JsonObject().put("values", 0.7), 0)).isEqualTo(0.7);
  }

  @Test
  @DisplayName(
      "citylearn_configs: legacy objects become schema overrides; defaults merge over the template")
  void options() {
    CityLearnOptions legacy =
        CityLearnOptions.of(
            new JsonObject().put("buildings", new JsonArray().add(2)).put("central_agent", true));
    assertThat(legacy.selectedBuildings()).containsExactly("2");
    assertThat(legacy.schemaOverrides()).isEqualTo(new JsonObject().put("central_agent", true));
    assertThat(legacy.warnings()).hasSize(1);
    CityLearnOptions modern =
        CityLearnOptions.of(
            new JsonObject()
                .put(
                    "defaults",
                    new JsonObject()
                        .put("building", new JsonObject().put("indoor_dry_bulb_temperature", 22.0)))
                .put("validation", new JsonObject().put("smoke_check", true)));
    assertThat(modern.defaults().getJsonObject("building").getDouble("indoor_dry_bulb_temperature"))
        .isEqualTo(22.0);
    assertThat(modern.defaults().getJsonObject("building").getDouble("indoor_relative_humidity"))
        .isEqualTo(50.0);
    assertThat(modern.smokeCheck()).isTrue();
    assertThatThrownBy(() -> CityLearnOptions.of(new JsonObject().put("schema_overrides", 1)))
        .isInstanceOf(ApiFailure.class)
        .hasMessage("citylearn_configs.schema_overrides must be an object");
  }

  @Test
  @DisplayName(
      "sessions in a list are matched by charger id, else the one with an EV and the most power")
  void listSessions() {
    JsonArray sessions =
        new JsonArray()
            .add(new JsonObject().put("power", 11))
            .add(new JsonObject().put("electric_vehicle_id", 7).put("power", -3))
            .add(new JsonObject().put("user_id", "u").put("power", 2));
    assertThat(ChargerRows.sessionOf(sessions, "c1", 1).getInteger("electric_vehicle_id"))
        .isEqualTo(7);
    assertThat(
            ChargerRows.sessionOf(
                sessions.copy().add(new JsonObject().put("charger_id", "c1")), "c1", 1))
        .isEqualTo(new JsonObject().put("charger_id", "c1"));
    assertThat(ChargerRows.sessionOf(sessions, "c1", 2)).isNull();
    Object[] cells =
        ChargerRows.cells(
            new JsonObject()
                .put("electric_vehicle_estimated_arrival_time", "2024-01-01T02:30:00Z")
                .put("flexibility", new JsonObject().put("estimated_soc_at_arrival", 0.2)),
            null,
            Instant.parse("2024-01-01T01:00:00Z"),
            60,
            Defaults.template().getJsonObject("charger"));
    assertThat(cells).containsExactly("2", "", "", "", "1.5", "20.0");
  }

  @Test
  @DisplayName(
      "CSV cells: missing is empty, whole floats keep .0, states are integers, no exponents")
  void cells() {
    assertThat(CsvOut.number(Double.NaN)).isEmpty();
    assertThat(CsvOut.number(20)).isEqualTo("20.0");
    assertThat(CsvOut.number(1e-5)).isEqualTo("0.00001");
    assertThat(CsvOut.whole(1.0)).isEqualTo("1");
    assertThat(CsvOut.whole(1.5)).isEqualTo("1.5");
  }
}
