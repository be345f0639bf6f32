package eu.opeva.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo site generator")
class DemoSiteTest {
  static final Instant START = Instant.parse("2024-06-10T00:00:00Z");
  final DemoSite site = new DemoSite("demo", 3, START, 4 * 96, 15, 7, true);

  @Test
  @DisplayName("is deterministic for a seed, and a different seed changes the values")
  void deterministic() {
    DemoSite same = new DemoSite("demo", 3, START, 4 * 96, 15, 7, true);
    DemoSite other = new DemoSite("demo", 3, START, 4 * 96, 15, 8, true);
    for (int step : new int[] {0, 50, 200}) {
      assertThat(DemoDocuments.document(same, 1, step))
          .isEqualTo(DemoDocuments.document(site, 1, step));
      assertThat(DemoDocuments.document(other, 1, step))
          .isNotEqualTo(DemoDocuments.document(site, 1, step));
    }
  }

  @Test
  @DisplayName("writes the shapes the dataset builder reads")
  void shapes() {
    JsonObject doc = DemoDocuments.document(site, 1, 10);
    assertThat(doc.getJsonObject("timestamp").getString("$date")).isEqualTo("2024-06-10T02:30:00Z");
    JsonObject obs = doc.getJsonObject("observations");
    assertThat(obs.fieldNames())
        .contains(
            "non_shiftable_load",
            "solar_generation",
            "dhw_demand",
            "cooling_demand",
            "heating_demand",
            "indoor_dry_bulb_temperature",
            "indoor_relative_humidity",
            "average_unmet_cooling_setpoint_difference",
            "outdoor_dry_bulb_temperature",
            "outdoor_relative_humidity",
            "diffuse_solar_irradiance",
            "direct_solar_irradiance",
            "direct_solar_irradiance_predicted_3",
            "carbon_intensity");
    assertThat(doc.getJsonObject("energy_price").getJsonArray("values")).hasSize(4);
    assertThat(doc.getJsonObject("charging_sessions").fieldNames()).containsExactly("charger_1_1");
    assertThat(doc.getJsonObject("electric_vehicles").fieldNames()).containsExactly("ev_1");
    assertThat(DemoDocuments.document(site, 2, 10).containsKey("charging_sessions")).isFalse();
    JsonObject schema = DemoDocuments.schema(site);
    assertThat(schema.getJsonObject("buildings").fieldNames()).containsExactly("1", "2", "3");
    assertThat(schema.getJsonObject("evs").fieldNames()).containsExactlyInAnyOrder("ev_1", "ev_3");
  }

  @Test
  @DisplayName(
      "has daily shapes: no sun at night, sun at noon, an evening load peak, EVs home overnight")
  void dailyShapes() {
    ZoneId lisbon = ZoneId.of("Europe/Lisbon");
    int midnight = stepAtLocal(0, lisbon);
    int noon = stepAtLocal(13, lisbon);
    int fourAm = stepAtLocal(4, lisbon);
    int evening = stepAtLocal(20, lisbon);
    JsonObject night = DemoDocuments.document(site, 2, midnight).getJsonObject("observations");
    JsonObject day = DemoDocuments.document(site, 2, noon).getJsonObject("observations");
    assertThat(night.getDouble("solar_generation")).isZero();
    assertThat(day.getDouble("solar_generation")).isGreaterThan(0.5);
    assertThat(
            DemoDocuments.document(site, 2, evening)
                .getJsonObject("observations")
                .getDouble("non_shiftable_load"))
        .isGreaterThan(
            DemoDocuments.document(site, 2, fourAm)
                .getJsonObject("observations")
                .getDouble("non_shiftable_load"));
    JsonObject session =
        DemoDocuments.document(site, 1, midnight)
            .getJsonObject("charging_sessions")
            .getJsonObject("charger_1_1");
    assertThat(session.getString("electric_vehicle")).isEqualTo("ev_1");
    assertThat(
            DemoDocuments.document(site, 1, noon)
                .getJsonObject("charging_sessions")
                .getJsonObject("charger_1_1"))
        .isEmpty();
  }

  @Test
  @DisplayName("leaves a short and a long gap per building, and none when asked for none")
  void gaps() {
    List<int[]> gaps = site.gapsOf(1);
    assertThat(gaps).hasSize(2);
    assertThat(gaps.get(0)[1] - gaps.get(0)[0]).isEqualTo(DemoSite.SHORT_GAP_STEPS);
    assertThat(gaps.get(1)[1] - gaps.get(1)[0]).isEqualTo(DemoSite.LONG_GAP_MINUTES / 15);
    assertThat(DemoDocuments.document(site, 1, gaps.get(0)[0])).isNull();
    assertThat(DemoDocuments.document(site, 1, gaps.get(0)[1])).isNotNull();
    DemoSite whole = new DemoSite("demo", 1, START, 4 * 96, 15, 7, false);
    assertThat(whole.gapsOf(1)).isEmpty();
  }

  @Test
  @DisplayName("ending(...) covers the requested days up to the end rounded down to the period")
  void ending() {
    DemoSite recent = DemoSite.ending("demo", 1, Instant.parse("2024-06-10T12:07:00Z"), 2, 15, 1);
    assertThat(recent.end()).isEqualTo(Instant.parse("2024-06-10T12:00:00Z"));
    assertThat(recent.steps()).isEqualTo(2 * 96);
    assertThat(recent.timeOf(0)).isEqualTo(Instant.parse("2024-06-08T12:15:00Z"));
  }

  int stepAtLocal(int hour, ZoneId zone) {
    for (int s = 0; s < site.steps(); s++) {
      var local = site.timeOf(s).atZone(zone);
      if (local.getHour() == hour
          && local.getMinute() == 0
          && !site.isGap(1, s)
          && !site.isGap(2, s)) {
        return s;
      }
    }
    throw new AssertionError("no step at " + hour);
  }
}
