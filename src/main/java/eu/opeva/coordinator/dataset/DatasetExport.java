package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.citylearn.CityLearnBuilder;
import eu.opeva.coordinator.citylearn.CityLearnOptions;
import eu.opeva.coordinator.citylearn.TimeGrid;
import eu.opeva.coordinator.citylearn.TimeWindow;
import eu.opeva.coordinator.datasetfiles.DatasetFiles;
import eu.opeva.coordinator.datasetfiles.DatasetNames;
import eu.opeva.coordinator.datasetfiles.WorkFolders;
import eu.opeva.coordinator.mongo.SiteDataClient;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One dataset generation, on an export thread: reads the site schema and picks the buildings'
 * collections, works out the time window, then runs the CityLearn builder on documents read from
 * MongoDB in batches. Everything is built in a hidden work folder that replaces the dataset only
 * once it validates; on any failure the work folder is removed and a previous dataset of that name
 * is untouched.
 */
final class DatasetExport {
  /** How long an export thread waits for one answer of the Mongo verticle. */
  static final Duration MONGO_WAIT = Duration.ofMinutes(5);

  private final SiteDataClient client;
  private final Path datasets;
  private final ExportRequest req;
  private final int batchSize;
  private final int acceptableGapMinutes;
  private final ExportProgress progress;
  private final List<String> warnings = new ArrayList<>();

  DatasetExport(
      SiteDataClient client,
      Path datasets,
      ExportRequest req,
      int batchSize,
      int acceptableGapMinutes,
      ExportProgress progress) {
    this.client = client;
    this.datasets = datasets;
    this.req = req;
    this.batchSize = batchSize;
    this.acceptableGapMinutes = acceptableGapMinutes;
    this.progress = progress;
  }

  JsonObject run() throws IOException {
    Path target = DatasetNames.resolve(datasets, req.name());
    progress.phase("reading_schema");
    CityLearnOptions options = req.options();
    warnings.addAll(options.warnings());
    JsonObject siteSchema = BlockingIo.await(client.datasetSchema(req.siteId()), MONGO_WAIT);
    Map<String, String> chosen = collections(siteSchema.getJsonObject("buildings"), options);
    progress.phase("time_window");
    TimeGrid grid = timeGrid(chosen.values());
    progress.plan(chosen.size(), grid.rows());
    Path work = WorkFolders.create(datasets, "building", req.name());
    try {
      new CityLearnBuilder(
              work,
              grid,
              options,
              req.description(),
              acceptableGapMinutes,
              progress,
              (collection, from, until) ->
                  new DocumentSource(client, req.siteId(), collection, from, until, batchSize))
          .build(siteSchema, chosen, warnings);
      progress.phase("installing");
      DatasetFiles.install(work, target);
      return ExportAnswer.of(req, grid, options.smokeCheck(), warnings);
    } finally {
      DatasetFiles.deleteTree(work);
    }
  }

  /** The grid over the span every chosen collection has data for, within the request's bounds. */
  private TimeGrid timeGrid(Collection<String> collections) {
    List<JsonObject> bounds = new ArrayList<>();
    for (String collection : collections) {
      bounds.add(BlockingIo.await(client.bounds(req.siteId(), collection), MONGO_WAIT));
    }
    return TimeWindow.of(bounds, req.from(), req.until(), req.period());
  }

  /** Each selected building's collection, by its exact name {@code building_<id>}. */
  private Map<String, String> collections(JsonObject buildings, CityLearnOptions options) {
    List<String> all = new ArrayList<>(new TreeSet<>(buildings.fieldNames()));
    List<String> selected = all;
    if (options.selectedBuildings() != null && !options.selectedBuildings().isEmpty()) {
      TreeSet<String> unknown = new TreeSet<>();
      selected = new ArrayList<>();
      for (String b : options.selectedBuildings()) {
        if (!all.contains(b)) {
          unknown.add(b);
        } else if (!selected.contains(b)) {
          selected.add(b);
        }
      }
      if (!unknown.isEmpty()) {
        warnings.add(
            "Ignored unknown selected_buildings entries: " + String.join(", ", unknown) + ".");
      }
    }
    if (selected.isEmpty()) {
      throw ApiFailure.badRequest("No valid buildings selected for dataset generation.");
    }
    List<String> existing = BlockingIo.await(client.collections(req.siteId()), MONGO_WAIT);
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String b : selected) {
      String name = "building_" + b;
      if (existing.contains(name)) {
        chosen.put(b, name);
      } else {
        warnings.add("Building '" + b + "' skipped: no Mongo collection named '" + name + "'.");
      }
    }
    if (chosen.isEmpty()) {
      throw ApiFailure.notFound("No data collections found for selected buildings.");
    }
    return chosen;
  }
}
