package eu.opeva.coordinator.citylearn;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One building's pass: its documents stream through the row accumulator, the gap report and the gap
 * filler into its files. The reference building's pass also writes pricing, weather and carbon.
 */
final class BuildingExport {
  private static final int PROGRESS_EVERY = 1000;

  record Result(
      String energyFile,
      ChargerOutputs chargers,
      Map<String, String> washingMachines,
      List<String> warnings) {}

  private final DocumentStream.Opener documents;
  private final TimeGrid grid;
  private final int acceptableGapMinutes;
  private final BuildProgress progress;
  private final Path dir;
  private final JsonObject defaults;
  private final FileNames names;

  BuildingExport(
      DocumentStream.Opener documents,
      TimeGrid grid,
      int acceptableGapMinutes,
      BuildProgress progress,
      Path dir,
      JsonObject defaults,
      FileNames names) {
    this.documents = documents;
    this.grid = grid;
    this.acceptableGapMinutes = acceptableGapMinutes;
    this.progress = progress;
    this.dir = dir;
    this.defaults = defaults;
    this.names = names;
  }

  /**
   * The building's files and warnings, or null when it has no record in the window (files removed).
   */
  Result run(
      String building, String collection, JsonObject source, String fileStem, boolean reference)
      throws IOException {
    progress.phase("exporting");
    progress.building(building);
    String energyFile = names.unique(fileStem);
    JsonObject configured = SchemaBuilder.chargerConfigs(source);
    List<String> chargerIds =
        configured.isEmpty() ? null : new ArrayList<>(new TreeSet<>(configured.fieldNames()));
    List<String> machines =
        source.getValue("washing_machines") instanceof JsonObject w
            ? new ArrayList<>(w.fieldNames())
            : List.of();
    int maxGapRows = acceptableGapMinutes / grid.periodMinutes();
    BuildingOutputs out =
        new BuildingOutputs(
            dir, building, energyFile, reference, chargerIds, machines, defaults, grid, names);
    GapReport report = new GapReport(building, grid, maxGapRows, acceptableGapMinutes);
    GapFiller filler = new GapFiller(maxGapRows, out::accept);
    RowAccumulator rows =
        new RowAccumulator(
            grid,
            row -> {
              report.accept(row);
              filler.accept(row);
            });
    long reported = 0;
    long rowsReported = 0;
    try (out;
        DocumentStream docs =
            documents.open(
                collection,
                Instant.ofEpochMilli(grid.startMs()),
                Instant.ofEpochMilli(grid.endMs()))) {
      long read = 0;
      for (DocumentStream.Timed t = docs.next(); t != null; t = docs.next()) {
        rows.accept(t.ts(), t.doc());
        if (++read % PROGRESS_EVERY == 0) {
          progress.counted(read - reported, out.rowsWritten() - rowsReported);
          reported = read;
          rowsReported = out.rowsWritten();
          if (progress.cancelled()) {
            throw new ApiFailure(
                503, "Dataset generation cancelled: the coordinator is shutting down");
          }
        }
      }
      rows.finish();
      report.finish();
      filler.finish();
      progress.counted(read - reported, out.rowsWritten() - rowsReported);
    }
    if (!rows.sawDocuments()) {
      out.deleteFiles();
      return null;
    }
    List<String> warnings = new ArrayList<>(report.warnings());
    warnings.addAll(out.warnings());
    ChargerOutputs chargers = out.chargers();
    if (chargers.inferred()) {
      warnings.add(
          "Building '"
              + building
              + "': inferred chargers from telemetry because schema had no charger"
              + " definitions.");
    }
    if (chargers.disabled()) {
      warnings.add(
          "EV disabled for building '"
              + building
              + "': charging_sessions are list-based with multiple"
              + " configured chargers (ambiguous mapping).");
    }
    if (rows.outOfOrder > 0) {
      warnings.add(
          "Building '"
              + building
              + "': "
              + rows.outOfOrder
              + " records arrived out of timestamp order"
              + " (mixed timestamp formats?) and were ignored.");
    }
    return new Result(energyFile, chargers, out.washingMachineFiles(), warnings);
  }
}
