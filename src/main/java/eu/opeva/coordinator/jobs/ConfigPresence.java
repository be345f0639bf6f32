package eu.opeva.coordinator.jobs;

import static eu.opeva.coordinator.domain.JobFields.CONFIG_PATH;

import eu.opeva.coordinator.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A config given but empty ({@code "config": {}}) and no {@code config_path}: said as such, rather
 * than as a missing config (the replaced service counted an empty config as none).
 */
final class ConfigPresence {
  static final String CONFIG = "config";

  private ConfigPresence() {}

  /** The problem of a submission's body, if its only config is an empty one. */
  static List<Problem> ofSubmission(JsonObject body) {
    return isEmptyConfig(body) ? List.of(Problem.at("/config", "config is empty")) : List.of();
  }

  /** The problems of a pipeline's jobs whose only config is an empty one. */
  static List<Problem> ofPipeline(JsonObject body) {
    List<Problem> out = new ArrayList<>();
    if (body.getValue("jobs") instanceof JsonArray jobs) {
      for (int i = 0; i < jobs.size(); i++) {
        if (jobs.getValue(i) instanceof JsonObject node && isEmptyConfig(node)) {
          out.add(Problem.at("/jobs/" + i + "/config", "jobs[" + i + "].config is empty"));
        }
      }
    }
    return out;
  }

  private static boolean isEmptyConfig(JsonObject body) {
    String path = body.getValue(CONFIG_PATH) instanceof String s ? s : null;
    return body.getValue(CONFIG) instanceof JsonObject config
        && config.isEmpty()
        && (path == null || path.isEmpty());
  }
}
