package eu.opeva.coordinator.jobs;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** MLflow aliases and the run URL added to job info. */
final class MlflowLinks {
  private static final List<String> BASE_KEYS =
      List.of("mlflow_ui_base_url", "tracking_ui_base_url", "tracking_uri", "mlflow_uri");

  private MlflowLinks() {}

  static void enrich(JsonObject info, String configuredBase) {
    if (info.getValue("mlflow_run_id") == null && info.getValue("run_id") != null) {
      info.put("mlflow_run_id", info.getValue("run_id"));
    }
    if (info.getValue("mlflow_experiment_id") == null && info.getValue("experiment_id") != null) {
      info.put("mlflow_experiment_id", info.getValue("experiment_id"));
    }
    Object url = info.getValue("mlflow_run_url");
    if (url != null && !String.valueOf(url).isEmpty()) {
      return;
    }
    String base = http(configuredBase);
    for (int i = 0; base == null && i < BASE_KEYS.size(); i++) {
      base = http(info.getValue(BASE_KEYS.get(i)));
    }
    Object run = info.getValue("mlflow_run_id");
    Object exp = info.getValue("mlflow_experiment_id");
    if (base != null && run != null && exp != null) {
      info.put(
          "mlflow_run_url", base.replaceAll("/+$", "") + "/#/experiments/" + exp + "/runs/" + run);
    }
  }

  private static String http(Object v) {
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v).trim();
    return s.startsWith("http://") || s.startsWith("https://") ? s : null;
  }
}
