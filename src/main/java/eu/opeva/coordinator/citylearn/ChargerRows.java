package eu.opeva.coordinator.citylearn;

import eu.opeva.coordinator.mongo.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One charger's row for one time step, from the step's charging sessions: the connected (or
 * incoming) EV, its departure and arrival as time steps from the row, and its SOCs in percent.
 */
final class ChargerRows {
  private ChargerRows() {}

  /** The charger's session in a step's {@code charging_sessions}, or null. */
  static JsonObject sessionOf(Object sessions, String chargerId, int chargers) {
    if (sessions instanceof JsonObject byCharger) {
      return byCharger.getValue(chargerId) instanceof JsonObject s && !s.isEmpty() ? s : null;
    }
    if (sessions instanceof JsonArray list && chargers == 1) {
      JsonObject best = null;
      double bestScore = -1;
      for (Object o : list) {
        if (o instanceof JsonObject s) {
          if (chargerId.equals(String.valueOf(s.getValue("charger_id")))) {
            return s;
          }
          double score =
              (evId(s) != null ? 1e12 : 0) + Math.abs(DocValues.number(s.getValue("power")));
          if (Double.isNaN(score)) {
            score = evId(s) != null ? 1e12 : 0;
          }
          if (score > bestScore) {
            best = s;
            bestScore = score;
          }
        }
      }
      return best;
    }
    return null;
  }

  /**
   * The six cells of {@link Columns#CHARGER_HEADER}; {@code session} null gives the default row.
   */
  static Object[] cells(
      JsonObject session, Object vehicles, Instant row, int periodMinutes, JsonObject defaults) {
    if (session == null) {
      return new Object[] {
        CsvOut.whole(DocValues.number(defaults.getValue("electric_vehicle_charger_state"))),
        "",
        cell(defaults.getValue("departure_time")),
        cell(defaults.getValue("required_soc_departure")),
        cell(defaults.getValue("estimated_arrival_time")),
        cell(defaults.getValue("estimated_soc_arrival"))
      };
    }
    JsonObject flex =
        session.getValue("flexibility") instanceof JsonObject f ? f : new JsonObject();
    String ev = evId(session);
    double departure =
        steps(
            firstTruthy(
                session.getValue("electric_vehicle_departure_time"),
                session.getValue("departure_time"),
                flex.getValue("estimated_time_at_departure"),
                flex.getValue("departure.time")),
            row,
            periodMinutes);
    double arrival =
        steps(
            firstTruthy(
                session.getValue("electric_vehicle_estimated_arrival_time"),
                session.getValue("arrival_time"),
                flex.getValue("estimated_time_at_arrival"),
                flex.getValue("arrival.time")),
            row,
            periodMinutes);
    JsonObject evFlex = evFlexibility(vehicles, ev);
    double required =
        soc(
            firstTruthy(
                session.getValue("electric_vehicle_required_soc_departure"),
                flex.getValue("estimated_soc_at_departure"),
                flex.getValue("departure.soc"),
                evFlex.getValue("estimated_soc_at_departure")));
    double estimated =
        soc(
            firstTruthy(
                session.getValue("electric_vehicle_estimated_soc_arrival"),
                flex.getValue("estimated_soc_at_arrival"),
                session.getValue("soc"),
                evFlex.getValue("estimated_soc_at_arrival")));
    double state = DocValues.number(session.getValue("electric_vehicle_charger_state"));
    if (Double.isNaN(state)) {
      state =
          ev != null
              ? 1
              : !Double.isNaN(arrival)
                  ? 2
                  : DocValues.number(defaults.getValue("electric_vehicle_charger_state"));
    }
    return new Object[] {
      CsvOut.whole(state),
      ev == null ? "" : ev,
      CsvOut.number(departure),
      CsvOut.number(required),
      CsvOut.number(arrival),
      CsvOut.number(estimated)
    };
  }

  static String evId(JsonObject session) {
    for (String key : new String[] {"electric_vehicle", "electric_vehicle_id", "user_id"}) {
      Object v = session.getValue(key);
      if (JsonValues.truthy(v) && !(v instanceof JsonObject) && !(v instanceof JsonArray)) {
        return v instanceof Double d && d == Math.rint(d)
            ? String.valueOf(d.longValue())
            : String.valueOf(v);
      }
    }
    return null;
  }

  private static JsonObject evFlexibility(Object vehicles, String ev) {
    if (ev != null
        && vehicles instanceof JsonObject all
        && all.getValue(ev) instanceof JsonObject one
        && one.getValue("flexibility") instanceof JsonObject f) {
      return f;
    }
    return new JsonObject();
  }

  private static Object firstTruthy(Object... values) {
    for (Object v : values) {
      if (JsonValues.truthy(v)) {
        return v;
      }
    }
    return null;
  }

  /**
   * A number is already in time steps; a timestamp becomes the steps from the row, never negative.
   */
  private static double steps(Object v, Instant row, int periodMinutes) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    Instant t = Timestamps.parse(v);
    if (t == null) {
      return Double.NaN;
    }
    double minutes = (t.toEpochMilli() - row.toEpochMilli()) / 60_000.0;
    return Math.max(0, minutes / periodMinutes);
  }

  /** SOCs in percent: fractions (0..1) are scaled by 100, then clipped to 0..100. */
  private static double soc(Object v) {
    double d = DocValues.number(v);
    if (Double.isNaN(d)) {
      return d;
    }
    if (d >= 0 && d <= 1) {
      d *= 100;
    }
    return Math.max(0, Math.min(100, d));
  }

  private static String cell(Object v) {
    return v == null ? "" : CsvOut.number(DocValues.number(v));
  }
}
