package eu.opeva.coordinator.citylearn;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CityLearn builder: writes the CSV files of the chosen buildings and {@code schema.json} into
 * a dataset folder, then checks them as CityLearn would at load time. Blocking (files); documents
 * are read one at a time and written out row by row, so memory does not depend on their number.
 */
public final class CityLearnBuilder {
  private final Path dir;
  private final TimeGrid grid;
  private final CityLearnOptions options;
  private final String description;
  private final BuildProgress progress;
  private final BuildingExport export;

  public CityLearnBuilder(
      Path dir,
      TimeGrid grid,
      CityLearnOptions options,
      String description,
      int acceptableGapMinutes,
      BuildProgress progress,
      DocumentStream.Opener documents) {
    this.dir = dir;
    this.grid = grid;
    this.options = options;
    this.description = description;
    this.progress = progress;
    this.export =
        new BuildingExport(
            documents,
            grid,
            acceptableGapMinutes,
            progress,
            dir,
            options.defaults(),
            new FileNames());
  }

  /**
   * Builds the chosen buildings (id to collection, in order; the first one also gives pricing,
   * weather and carbon intensity) of the site schema, adding its warnings to {@code warnings}. A
   * 404 when the first building or every building has no records, a 400 with {@code {message,
   * errors}} when the result fails static validation.
   */
  public void build(JsonObject siteSchema, Map<String, String> chosen, List<String> warnings)
      throws IOException {
    SchemaBuilder schema =
        new SchemaBuilder(grid.rows(), grid.periodMinutes(), description, options.defaults());
    int index = 1;
    for (Map.Entry<String, String> e : chosen.entrySet()) {
      String b = e.getKey();
      JsonObject source =
          siteSchema.getJsonObject("buildings").getValue(b) instanceof JsonObject o
              ? o
              : new JsonObject();
      boolean reference = index == 1;
      BuildingExport.Result r =
          export.run(b, e.getValue(), source, JsonValues.slug(b, "building_" + index), reference);
      progress.buildingDone();
      if (r == null) {
        if (reference) {
          throw ApiFailure.notFound(
              "No records available for pricing/weather/carbon reference data.");
        }
        warnings.add(
            "Building '" + b + "' skipped: no records in requested time window after filtering.");
        continue;
      }
      warnings.addAll(r.warnings());
      schema.addBuilding(b, source, r.energyFile(), r.chargers(), r.washingMachines());
      index++;
    }
    if (schema.buildings() == 0) {
      throw ApiFailure.notFound(
          "No buildings were exported. Check selected buildings and data availability.");
    }
    progress.phase("validating");
    JsonObject finalSchema = schema.build(siteSchema, options, warnings);
    new JsonFiles(false).writeText(dir.resolve("schema.json"), finalSchema.encodePrettily());
    List<String> errors = StaticValidation.validate(dir, finalSchema, grid.rows());
    if (!errors.isEmpty()) {
      throw new ApiFailure(
          400,
          new JsonObject()
              .put("message", "Generated dataset failed CityLearn static validation.")
              .put("errors", new JsonArray(errors)));
    }
  }
}
