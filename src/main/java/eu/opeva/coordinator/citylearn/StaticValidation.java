package eu.opeva.coordinator.citylearn;

import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The checks CityLearn would otherwise fail on at load time: required keys, at least one building,
 * every referenced file present in the dataset folder, and every CSV with exactly the expected
 * header and exactly one row per time step. Files are read as streams.
 */
final class StaticValidation {
  static final List<String> REQUIRED =
      List.of(
          "observations",
          "actions",
          "buildings",
          "simulation_start_time_step",
          "simulation_end_time_step",
          "seconds_per_time_step");

  private StaticValidation() {}

  static List<String> validate(Path dir, JsonObject schema, long rows) throws IOException {
    List<String> errors = new ArrayList<>();
    for (String key : REQUIRED) {
      if (!schema.containsKey(key)) {
        errors.add("Missing required top-level key '" + key + "'.");
      }
    }
    if (!(schema.getValue("buildings") instanceof JsonObject buildings) || buildings.isEmpty()) {
      errors.add("Schema has no buildings.");
      return errors;
    }
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (String b : buildings.fieldNames()) {
      if (!(buildings.getValue(b) instanceof JsonObject building)) {
        errors.add("buildings." + b + " must be an object.");
        continue;
      }
      file(errors, files, building, "buildings." + b, "energy_simulation", Columns.BUILDING_HEADER);
      file(errors, files, building, "buildings." + b, "weather", Columns.WEATHER);
      file(errors, files, building, "buildings." + b, "pricing", Columns.PRICING);
      file(errors, files, building, "buildings." + b, "carbon_intensity", Columns.CARBON);
      devices(
          errors,
          files,
          building,
          "buildings." + b,
          "chargers",
          "charger_simulation",
          Columns.CHARGER_HEADER);
      devices(
          errors,
          files,
          building,
          "buildings." + b,
          "washing_machines",
          "washing_machine_energy_simulation",
          Columns.WASHING_MACHINE_HEADER);
    }
    for (Map.Entry<String, List<String>> e : files.entrySet()) {
      checkCsv(errors, dir, e.getKey(), e.getValue(), rows);
    }
    return errors;
  }

  private static void devices(
      List<String> errors,
      Map<String, List<String>> files,
      JsonObject building,
      String where,
      String group,
      String field,
      List<String> header) {
    if (building.getValue(group) instanceof JsonObject all) {
      for (String id : all.fieldNames()) {
        if (all.getValue(id) instanceof JsonObject device) {
          file(errors, files, device, where + "." + group + "." + id, field, header);
        } else {
          errors.add(where + "." + group + "." + id + " must be an object.");
        }
      }
    }
  }

  private static void file(
      List<String> errors,
      Map<String, List<String>> files,
      JsonObject owner,
      String where,
      String field,
      List<String> header) {
    if (!(owner.getValue(field) instanceof String name) || name.isEmpty()) {
      errors.add(where + "." + field + " is missing or not a file name.");
    } else {
      files.putIfAbsent(name, header);
    }
  }

  private static void checkCsv(
      List<String> errors, Path dir, String name, List<String> header, long rows)
      throws IOException {
    if (!SafeNames.isFileName(name) || !Files.isRegularFile(dir.resolve(name))) {
      errors.add("Referenced file '" + name + "' does not exist in dataset directory.");
      return;
    }
    try (Reader reader = Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, CsvOut.FORMAT)) {
      Iterator<CSVRecord> it = parser.iterator();
      List<String> actual = it.hasNext() ? it.next().toList() : List.of();
      if (!actual.equals(header)) {
        errors.add("File '" + name + "' has columns " + actual + "; expected " + header + ".");
      }
      long count = 0;
      while (it.hasNext()) {
        it.next();
        count++;
      }
      if (count != rows) {
        errors.add("File '" + name + "' has " + count + " rows; expected " + rows + ".");
      }
    }
  }
}
