package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.citylearn.TimeGrid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The answer to a generation that succeeded: the dataset, its sorted warnings and what was
 * validated (static checks, the smoke check that is never run here, the time window).
 */
final class ExportAnswer {
  private ExportAnswer() {}

  static JsonObject of(
      ExportRequest req, TimeGrid grid, boolean smokeRequested, List<String> warnings) {
    JsonObject smoke =
        new JsonObject()
            .put("requested", smokeRequested)
            .put("executed", false)
            .putNull("ok")
            .put(
                "error",
                smokeRequested
                    ? "CityLearn is not available in the coordinator; the smoke check was not run."
                    : null);
    JsonObject validation =
        new JsonObject()
            .put("static", new JsonObject().put("ok", true).put("errors", new JsonArray()))
            .put("smoke_check", smoke)
            .put(
                "time_window",
                new JsonObject()
                    .put("from_ts", grid.label(0).toString())
                    .put("until_ts", grid.label(grid.rows() - 1).toString())
                    .put("rows", grid.rows()));
    return new JsonObject()
        .put("message", "Dataset created")
        .put("name", req.name())
        .put("description", req.description())
        .put("warnings", new JsonArray(new ArrayList<>(new TreeSet<>(warnings))))
        .put("validation", validation);
  }
}
