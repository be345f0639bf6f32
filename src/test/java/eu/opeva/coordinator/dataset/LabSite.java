package eu.opeva.coordinator.dataset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-made site whose exported values can be worked out by hand. Building 1 has a document
 * every 15 minutes from 22:15 on 2024-03-30 to 08:00 the next morning (UTC; Lisbon switches to
 * summer time at 01:00), except in (02:00, 03:00] (a one-hour gap) and (04:00, 06:00] (two hours).
 * At {@code m} minutes after 22:00: load {@code m/15}, indoor temperature {@code 20 + m/60}, price
 * {@code m/1000} (and {@code 0.5} as the only prediction), outdoor temperature 10, carbon 0.2. Two
 * documents have string timestamps. An EV is plugged into charger {@code c1} in (23:00, 00:00].
 */
final class LabSite {
  static final Instant BASE = Instant.parse("2024-03-30T22:00:00Z");
  static final int LAST_MINUTE = 600;

  private LabSite() {}

  static JsonObject schema() {
    JsonObject b1 =
        new JsonObject()
            .put(
                "chargers",
                new JsonObject()
                    .put(
                        "c1",
                        new JsonObject()
                            .put("attributes", new JsonObject().put("nominal_power", 11))))
            .put("washing_machines", new JsonObject().put("wm1", new JsonObject()))
            .put(
                "pv",
                new JsonObject().put("attributes", new JsonObject().put("nominal_power", 2.5)));
    return new JsonObject().put("buildings", new JsonObject().put("1", b1));
  }

  static boolean inGap(int m) {
    return (m > 240 && m <= 300) || (m > 360 && m <= 480);
  }

  static List<JsonObject> building1() {
    List<JsonObject> docs = new ArrayList<>();
    for (int m = 15; m <= LAST_MINUTE; m += 15) {
      if (inGap(m)) {
        continue;
      }
      Instant t = BASE.plus(Duration.ofMinutes(m));
      Object ts =
          m == 90
              ? t.toString()
              : m == 105 ? "2024-03-30 23:45:00" : new JsonObject().put("$date", t.toString());
      JsonObject session =
          m > 60 && m <= 120
              ? new JsonObject()
                  .put("electric_vehicle", "ev_9")
                  .put("electric_vehicle_departure_time", "2024-03-31T03:00:00Z")
                  .put("electric_vehicle_required_soc_departure", 0.8)
                  .put("electric_vehicle_estimated_soc_arrival", 35)
              : new JsonObject();
      docs.add(
          new JsonObject()
              .put("timestamp", ts)
              .put(
                  "observations",
                  new JsonObject()
                      .put("non_shiftable_load", m / 15.0)
                      .put("indoor_dry_bulb_temperature", 20 + m / 60.0)
                      .put("outdoor_dry_bulb_temperature", 10.0))
              .put(
                  "energy_price",
                  new JsonObject().put("values", new JsonArray().add(m / 1000.0).add(0.5)))
              .put("carbon_intensity", 0.2)
              .put("charging_sessions", new JsonObject().put("c1", session))
              .put(
                  "electric_vehicles",
                  new JsonObject().put("ev_9", new JsonObject().put("SoC", 0.4))));
    }
    return docs;
  }
}
