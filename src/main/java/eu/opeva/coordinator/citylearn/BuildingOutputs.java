package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the finished rows of one building: its energy file, the charger and washing-machine files
 * and, for the reference building, pricing, weather and carbon intensity. Missing predictions take
 * the current value; what is still missing takes the request's defaults, counted for the warnings.
 */
final class BuildingOutputs implements AutoCloseable {
  private final TimeGrid grid;
  private final JsonObject defaults;
  private final CsvOut energy;
  private final CsvOut pricing;
  private final CsvOut weather;
  private final CsvOut carbon;
  private final ChargerOutputs chargers;
  private final Map<String, CsvOut> washingMachines = new LinkedHashMap<>();
  private final long[] defaulted = new long[Columns.COUNT];
  private final double[] defaultValues = new double[Columns.COUNT];
  private final String building;

  BuildingOutputs(
      Path dir,
      String building,
      String energyFile,
      boolean reference,
      List<String> chargerIds,
      List<String> washingMachineIds,
      JsonObject defaults,
      TimeGrid grid,
      FileNames names) {
    this.grid = grid;
    this.defaults = defaults;
    this.building = building;
    this.energy = new CsvOut(dir.resolve(energyFile), Columns.BUILDING_HEADER);
    this.pricing = reference ? new CsvOut(dir.resolve("pricing.csv"), Columns.PRICING) : null;
    this.weather = reference ? new CsvOut(dir.resolve("weather.csv"), Columns.WEATHER) : null;
    this.carbon =
        reference ? new CsvOut(dir.resolve("carbon_intensity.csv"), Columns.CARBON) : null;
    this.chargers =
        new ChargerOutputs(
            dir,
            building,
            chargerIds,
            defaults.getJsonObject("charger", new JsonObject()),
            grid.periodMinutes(),
            names);
    for (String wm : washingMachineIds) {
      String file =
          names.unique(
              "washing_machine_"
                  + JsonValues.slug(building, "b")
                  + "_"
                  + JsonValues.slug(wm, "wm"));
      washingMachines.put(wm, new CsvOut(dir.resolve(file), Columns.WASHING_MACHINE_HEADER));
    }
    for (int c = 0; c < Columns.COUNT; c++) {
      String group = Columns.defaultsGroup(c);
      Object v =
          group == null
              ? defaults.getValue(Columns.ALL.get(c))
              : defaults.getJsonObject(group, new JsonObject()).getValue(Columns.ALL.get(c));
      defaultValues[c] = DocValues.number(v);
    }
  }

  void accept(Row row) {
    double[] v = row.values;
    for (int c = 0; c < Columns.COUNT; c++) {
      int base = Columns.baseOf(c);
      if (Double.isNaN(v[c]) && base >= 0) {
        v[c] = v[base];
      }
    }
    for (int c = 0; c < Columns.COUNT; c++) {
      if (Double.isNaN(v[c])) {
        defaulted[c]++;
        v[c] = defaultValues[c];
      }
    }
    Instant label = grid.label(row.index);
    int[] cal = LisbonCalendar.columns(label);
    Object[] cells = new Object[Columns.BUILDING_HEADER.size()];
    for (int i = 0; i < 4; i++) {
      cells[i] = String.valueOf(cal[i]);
    }
    for (int i = 0; i < Columns.ENERGY.size(); i++) {
      cells[4 + i] = CsvOut.number(v[Columns.ENERGY_AT + i]);
    }
    energy.row(cells);
    if (pricing != null) {
      pricing.row(range(v, Columns.PRICING_AT, Columns.PRICING.size()));
      weather.row(range(v, Columns.WEATHER_AT, Columns.WEATHER.size()));
      carbon.row(range(v, Columns.CARBON_AT, 1));
    }
    chargers.accept(row, label);
    for (CsvOut wm : washingMachines.values()) {
      wm.row(String.valueOf(cal[2]), String.valueOf(cal[1]), "-1", "-1", "-1");
    }
  }

  private static Object[] range(double[] v, int from, int count) {
    Object[] cells = new Object[count];
    for (int i = 0; i < count; i++) {
      cells[i] = CsvOut.number(v[from + i]);
    }
    return cells;
  }

  long rowsWritten() {
    return energy.rows;
  }

  /** The peer's default-fill warnings: one per column that needed defaults. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < Columns.COUNT; c++) {
      if (defaulted[c] == 0 || (pricing == null && c >= Columns.PRICING_AT)) {
        continue;
      }
      String group = Columns.defaultsGroup(c);
      String prefix =
          "building".equals(group)
              ? "building '" + building + "'"
              : group == null ? "carbon_intensity" : group;
      out.add(
          prefix
              + ": filled "
              + defaulted[c]
              + " missing values for '"
              + Columns.ALL.get(c)
              + "' with deterministic defaults.");
    }
    return out;
  }

  ChargerOutputs chargers() {
    return chargers;
  }

  /** Washing-machine id to its file name. */
  Map<String, String> washingMachineFiles() {
    Map<String, String> out = new LinkedHashMap<>();
    washingMachines.forEach((id, csv) -> out.put(id, csv.path.getFileName().toString()));
    return out;
  }

  /**
   * Removes every file of this building (after {@link #close()}), for a building with no records.
   */
  void deleteFiles() throws java.io.IOException {
    List<CsvOut> all = new ArrayList<>(List.of(energy));
    if (pricing != null) {
      all.addAll(List.of(pricing, weather, carbon));
    }
    all.addAll(washingMachines.values());
    for (CsvOut csv : all) {
      java.nio.file.Files.deleteIfExists(csv.path);
    }
    chargers.deleteFiles();
  }

  @Override
  public void close() {
    energy.close();
    if (pricing != null) {
      pricing.close();
      weather.close();
      carbon.close();
    }
    chargers.close();
    washingMachines.values().forEach(CsvOut::close);
  }
}
