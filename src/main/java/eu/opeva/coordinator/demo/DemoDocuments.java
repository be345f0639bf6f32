package eu.opeva.coordinator.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * The documents of a demo site, in the shapes the dataset builder reads: {@code timestamp}, {@code
 * observations} (energy, indoor and weather fields with 1..3 step-ahead predictions, carbon
 * intensity), {@code energy_price.values} (now and the next three hours) and, for buildings with a
 * charger, {@code charging_sessions} keyed by charger and {@code electric_vehicles}.
 */
public final class DemoDocuments {
  static final ZoneId LOCAL = ZoneId.of("Europe/Lisbon");
  static final double REQUIRED_SOC = 0.85;
  static final double ARRIVAL_SOC = 0.25;
  static final double EV_CAPACITY_KWH = 60;
  static final double CHARGER_KW = 7.4;

  private DemoDocuments() {}

  public static String chargerOf(int building) {
    return "charger_" + building + "_1";
  }

  public static String evOf(int building) {
    return "ev_" + building;
  }

  /** The site's schema: buildings "1".."n" (PV everywhere, a charger on odd ones) and their EVs. */
  public static JsonObject schema(DemoSite site) {
    JsonObject buildings = new JsonObject();
    JsonObject evs = new JsonObject();
    for (int b = 1; b <= site.buildings(); b++) {
      JsonObject building =
          new JsonObject()
              .put(
                  "pv",
                  new JsonObject()
                      .put("attributes", new JsonObject().put("nominal_power", pvKw(b))));
      if (DemoSite.hasCharger(b)) {
        building.put(
            "chargers",
            new JsonObject()
                .put(
                    chargerOf(b),
                    new JsonObject()
                        .put(
                            "attributes",
                            new JsonObject()
                                .put("nominal_power", CHARGER_KW)
                                .put("max_charging_power", CHARGER_KW))));
        evs.put(
            evOf(b),
            new JsonObject()
                .put("battery_capacity", EV_CAPACITY_KWH)
                .put("charging_power", CHARGER_KW));
      }
      buildings.put(String.valueOf(b), building);
    }
    return new JsonObject()
        .put("buildings", buildings)
        .put("evs", evs)
        .put(
            "description",
            "Generated demo site ("
                + site.buildings()
                + " buildings, every "
                + site.periodMinutes()
                + " min)");
  }

  /** The document of a building at a step, or null inside one of its gaps. */
  public static JsonObject document(DemoSite site, int building, int step) {
    if (site.isGap(building, step)) {
      return null;
    }
    Instant ts = site.timeOf(step);
    ZonedDateTime local = ts.atZone(LOCAL);
    SplittableRandom noise =
        new SplittableRandom(
            site.seed() * 1_000_003L + building * 7919L + ts.getEpochSecond() / 60);
    double hours = site.periodMinutes() / 60.0;
    JsonObject obs =
        new JsonObject()
            .put(
                "non_shiftable_load",
                round(DailyProfiles.loadKw(local, building) * hours * jitter(noise, 0.15)))
            .put(
                "solar_generation",
                round(pvKw(building) * DailyProfiles.sun(local) * hours * jitter(noise, 0.1)))
            .put(
                "dhw_demand",
                round(0.3 * Math.exp(-Math.pow(DailyProfiles.hourOf(local) - 7.5, 2)) * hours))
            .put(
                "cooling_demand",
                round(Math.max(0, DailyProfiles.outdoorTemperature(local) - 24) * 0.2 * hours))
            .put(
                "heating_demand",
                round(Math.max(0, 16 - DailyProfiles.outdoorTemperature(local)) * 0.15 * hours))
            .put(
                "indoor_dry_bulb_temperature",
                round(
                    20.5
                        + 0.2 * (DailyProfiles.outdoorTemperature(local) - 15)
                        + noise.nextDouble(-0.3, 0.3)))
            .put("indoor_relative_humidity", round(48 + noise.nextDouble(-4, 4)))
            .put("average_unmet_cooling_setpoint_difference", 0.0)
            .put(
                "carbon_intensity",
                round(DailyProfiles.carbonIntensity(local) * jitter(noise, 0.05)));
    weather(obs, local, noise);
    JsonArray prices = new JsonArray();
    for (int h = 0; h <= 3; h++) {
      prices.add(DailyProfiles.pricePerKwh(local.plusHours(h)));
    }
    JsonObject doc =
        new JsonObject()
            .put("timestamp", new JsonObject().put("$date", ts.toString()))
            .put("observations", obs)
            .put("energy_price", new JsonObject().put("values", prices).put("unit", "EUR/kWh"));
    if (DemoSite.hasCharger(building)) {
      EvSchedule.addSessions(doc, building, local, noise);
    }
    return doc;
  }

  private static void weather(JsonObject obs, ZonedDateTime t, SplittableRandom noise) {
    obs.put(
        "outdoor_dry_bulb_temperature",
        round(DailyProfiles.outdoorTemperature(t) + noise.nextDouble(-0.5, 0.5)));
    obs.put(
        "outdoor_relative_humidity",
        round(DailyProfiles.outdoorHumidity(t) + noise.nextDouble(-3, 3)));
    obs.put(
        "diffuse_solar_irradiance", round(DailyProfiles.diffuseIrradiance(t) * jitter(noise, 0.1)));
    obs.put(
        "direct_solar_irradiance", round(DailyProfiles.directIrradiance(t) * jitter(noise, 0.2)));
    int[] aheadHours = {6, 12, 24};
    for (int k = 1; k <= 3; k++) {
      ZonedDateTime ahead = t.plusHours(aheadHours[k - 1]);
      obs.put(
          "outdoor_dry_bulb_temperature_predicted_" + k,
          round(DailyProfiles.outdoorTemperature(ahead)));
      obs.put(
          "outdoor_relative_humidity_predicted_" + k, round(DailyProfiles.outdoorHumidity(ahead)));
      obs.put(
          "diffuse_solar_irradiance_predicted_" + k, round(DailyProfiles.diffuseIrradiance(ahead)));
      obs.put(
          "direct_solar_irradiance_predicted_" + k, round(DailyProfiles.directIrradiance(ahead)));
    }
  }

  static double pvKw(int building) {
    return 3.0 + building % 3;
  }

  private static double jitter(SplittableRandom noise, double spread) {
    return 1 + noise.nextDouble(-spread, spread);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
