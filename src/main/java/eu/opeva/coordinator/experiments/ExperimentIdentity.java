package eu.opeva.coordinator.experiments;

import io.vertx.core.json.JsonObject;

/** Experiment and run names of a config, and the job name derived from them. */
public record ExperimentIdentity(String experimentName, String runName) {

  public static ExperimentIdentity of(JsonObject config) {
    JsonObject metadata = object(config, "metadata");
    JsonObject experiment = object(config, "experiment");
    String exp =
        first(text(metadata, "experiment_name"), text(experiment, "name"), "UnnamedExperiment");
    String run = first(text(metadata, "run_name"), text(experiment, "run_name"), "UnnamedRun");
    return new ExperimentIdentity(exp, run);
  }

  /** The request's job name when non-blank, else {@code <experiment>-<run>}. */
  public String jobName(String requested) {
    return requested != null && !requested.isBlank()
        ? requested.trim()
        : experimentName + "-" + runName;
  }

  private static JsonObject object(JsonObject config, String key) {
    Object v = config.getValue(key);
    return v instanceof JsonObject o ? o : null;
  }

  private static String text(JsonObject obj, String key) {
    if (obj == null || obj.getValue(key) == null) {
      return null;
    }
    String s = String.valueOf(obj.getValue(key)).trim();
    return s.isEmpty() ? null : s;
  }

  private static String first(String a, String b, String fallback) {
    return a != null ? a : b != null ? b : fallback;
  }
}
