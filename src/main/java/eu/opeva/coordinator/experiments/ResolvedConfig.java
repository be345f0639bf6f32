package eu.opeva.coordinator.experiments;

import io.vertx.core.json.JsonObject;

/**
 * The runtime copy of a job's config: {@code simulator.dataset_path} mapped to the container's
 * {@code /data} root, or derived from {@code simulator.dataset_name}.
 */
public final class ResolvedConfig {
  static final String DATA = "/data";

  private ResolvedConfig() {}

  /** The resolved config, or null when nothing changed (then no file is written). */
  public static JsonObject resolve(JsonObject config, String sharedRoot) {
    if (!(config.getValue("simulator") instanceof JsonObject simulator)) {
      return null;
    }
    JsonObject copy = config.copy();
    JsonObject sim = copy.getJsonObject("simulator");
    Object path = simulator.getValue("dataset_path");
    Object name = simulator.getValue("dataset_name");
    if (path instanceof String p && !p.isBlank()) {
      String mapped = containerPath(p.trim(), sharedRoot);
      if (mapped.equals(p)) {
        return null;
      }
      sim.put("dataset_path", mapped);
    } else if (name != null && !String.valueOf(name).isBlank()) {
      sim.put("dataset_path", DATA + "/datasets/" + String.valueOf(name).trim() + "/schema.json");
    } else {
      return null;
    }
    return copy;
  }

  static String containerPath(String path, String sharedRoot) {
    String p = path.replace('\\', '/');
    if (p.equals(DATA) || p.startsWith(DATA + "/")) {
      return p;
    }
    String root = sharedRoot.replace('\\', '/').replaceAll("/+$", "");
    String datasets = root + "/datasets";
    if (p.equals(datasets) || p.startsWith(datasets + "/")) {
      return DATA + "/datasets" + p.substring(datasets.length());
    }
    if (p.equals(root) || p.startsWith(root + "/")) {
      return DATA + p.substring(root.length());
    }
    String rel = p.replaceFirst("^(\\./)+", "").replaceFirst("^/+", "");
    if (rel.equals("datasets") || rel.startsWith("datasets/")) {
      return DATA + "/" + rel;
    }
    return p;
  }
}
