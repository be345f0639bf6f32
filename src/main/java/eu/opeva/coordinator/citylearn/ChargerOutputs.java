package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The charger files of one building. Chargers come from the schema; without any, they are
 * discovered in the sessions as the rows stream by, a new charger's file starting with default rows
 * for the steps before it appeared. Sessions given as a list cannot be told apart by charger unless
 * there is exactly one, so EVs are then disabled for the building and its charger files dropped.
 */
final class ChargerOutputs implements AutoCloseable {
  private final Path dir;
  private final String building;
  private final boolean inferring;
  private final int configuredCount;
  private final JsonObject defaults;
  private final int periodMinutes;
  private final FileNames names;
  private final Map<String, CsvOut> files = new TreeMap<>();
  private final Set<String> evIds = new TreeSet<>();
  private boolean disabled;
  private int rows;

  ChargerOutputs(
      Path dir,
      String building,
      List<String> configured,
      JsonObject defaults,
      int periodMinutes,
      FileNames names) {
    this.dir = dir;
    this.building = building;
    this.inferring = configured == null;
    this.configuredCount = configured == null ? 0 : configured.size();
    this.defaults = defaults;
    this.periodMinutes = periodMinutes;
    this.names = names;
    if (configured != null) {
      configured.forEach(this::open);
    }
  }

  void accept(Row row, Instant label) {
    if (disabled) {
      return;
    }
    if (row.sessions instanceof JsonArray list
        && !list.isEmpty()
        && (inferring || configuredCount != 1)) {
      disable();
      return;
    }
    if (inferring && row.sessions instanceof JsonObject byCharger) {
      for (String id : byCharger.fieldNames()) {
        if (!files.containsKey(id)) {
          CsvOut out = open(id);
          Object[] empty = ChargerRows.cells(null, null, label, periodMinutes, defaults);
          for (int r = 0; r < rows; r++) {
            out.row(empty);
          }
        }
      }
    }
    for (Map.Entry<String, CsvOut> e : files.entrySet()) {
      JsonObject session = ChargerRows.sessionOf(row.sessions, e.getKey(), files.size());
      if (session != null && ChargerRows.evId(session) != null) {
        evIds.add(ChargerRows.evId(session));
      }
      e.getValue().row(ChargerRows.cells(session, row.vehicles, label, periodMinutes, defaults));
    }
    rows++;
  }

  private CsvOut open(String chargerId) {
    String file =
        names.unique(
            "charger_"
                + JsonValues.slug(building, "b")
                + "_"
                + JsonValues.slug(chargerId, "charger"));
    CsvOut out = new CsvOut(dir.resolve(file), Columns.CHARGER_HEADER);
    files.put(chargerId, out);
    return out;
  }

  private void disable() {
    disabled = true;
    close();
    deleteFiles();
    evIds.clear();
  }

  void deleteFiles() {
    try {
      for (CsvOut out : files.values()) {
        Files.deleteIfExists(out.path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.clear();
  }

  boolean disabled() {
    return disabled;
  }

  boolean inferred() {
    return inferring && !files.isEmpty();
  }

  /** Charger id to its file name, sorted by id. */
  Map<String, String> fileNames() {
    Map<String, String> out = new TreeMap<>();
    files.forEach((id, csv) -> out.put(id, csv.path.getFileName().toString()));
    return out;
  }

  Set<String> evIds() {
    return evIds;
  }

  String building() {
    return building;
  }

  @Override
  public void close() {
    files.values().forEach(CsvOut::close);
  }
}
