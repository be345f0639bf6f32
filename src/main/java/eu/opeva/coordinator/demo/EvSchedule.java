package eu.opeva.coordinator.demo;

import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * A commuter's EV at home: announced two hours before it arrives in the evening (charger state 2),
 * connected until 07:30 the next morning (state 1), charging from 25% to 85%, absent otherwise.
 */
final class EvSchedule {
  static final LocalTime DEPARTURE = LocalTime.of(7, 30);

  private EvSchedule() {}

  static LocalTime arrivalOf(int building) {
    return LocalTime.of(18, 0).plusMinutes(30L * (building % 3));
  }

  static void addSessions(JsonObject doc, int building, ZonedDateTime t, SplittableRandom noise) {
    LocalTime arrival = arrivalOf(building);
    LocalTime now = t.toLocalTime();
    ZonedDateTime arrivalToday = t.with(arrival);
    JsonObject session = new JsonObject();
    double soc;
    String ev = DemoDocuments.evOf(building);
    if (!now.isBefore(arrival) || now.isBefore(DEPARTURE)) {
      ZonedDateTime arrivedAt = now.isBefore(DEPARTURE) ? arrivalToday.minusDays(1) : arrivalToday;
      ZonedDateTime departure = arrivedAt.plusDays(1).with(DEPARTURE);
      double hoursIn = java.time.Duration.between(arrivedAt, t).toMinutes() / 60.0;
      soc =
          Math.min(
              DemoDocuments.REQUIRED_SOC,
              DemoDocuments.ARRIVAL_SOC
                  + hoursIn * DemoDocuments.CHARGER_KW * 0.9 / DemoDocuments.EV_CAPACITY_KWH);
      boolean charging = soc < DemoDocuments.REQUIRED_SOC;
      session
          .put("electric_vehicle", ev)
          .put("electric_vehicle_charger_state", 1)
          .put("electric_vehicle_departure_time", departure.toInstant().toString())
          .put("electric_vehicle_required_soc_departure", DemoDocuments.REQUIRED_SOC)
          .put(
              "power",
              charging
                  ? DemoDocuments.round(
                      DemoDocuments.CHARGER_KW * (0.95 + noise.nextDouble(0, 0.05)))
                  : 0.0)
          .put("soc", DemoDocuments.round(soc));
    } else if (!now.isBefore(arrival.minusHours(2))) {
      soc = DemoDocuments.ARRIVAL_SOC;
      session
          .put("electric_vehicle", ev)
          .put("electric_vehicle_charger_state", 2)
          .put("electric_vehicle_estimated_arrival_time", arrivalToday.toInstant().toString())
          .put("electric_vehicle_estimated_soc_arrival", DemoDocuments.ARRIVAL_SOC);
    } else {
      soc = DemoDocuments.ARRIVAL_SOC;
    }
    doc.put("charging_sessions", new JsonObject().put(DemoDocuments.chargerOf(building), session));
    doc.put(
        "electric_vehicles",
        new JsonObject()
            .put(
                ev,
                new JsonObject()
                    .put("SoC", DemoDocuments.round(soc))
                    .put("battery_capacity", DemoDocuments.EV_CAPACITY_KWH)
                    .put(
                        "flexibility",
                        new JsonObject()
                            .put("estimated_soc_at_departure", DemoDocuments.REQUIRED_SOC)
                            .put("estimated_soc_at_arrival", DemoDocuments.ARRIVAL_SOC))));
  }
}
