package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.bus.ApiFailure;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parts of a job folder a bundle can hold, and the paths (relative to the folder) of each. */
final class BundleParts {
  static final Map<String, List<String>> PATHS =
      Map.of(
          "logs", List.of("logs"),
          "results", List.of("results"),
          "progress", List.of("progress"),
          "config", List.of("config.yaml", "config.resolved.yaml"));
  static final String ALL = "all";
  static final String CHOICES = "logs, results, progress, config, all";

  private BundleParts() {}

  /**
   * The requested parts in a stable order; {@code all} (or nothing) stands for the whole folder.
   */
  static Set<String> parse(String requested) {
    if (requested == null) {
      return Set.of(ALL);
    }
    Set<String> parts = new LinkedHashSet<>();
    for (String raw : requested.split(",", -1)) {
      String part = raw.trim();
      if (!part.equals(ALL) && !PATHS.containsKey(part)) {
        throw ApiFailure.badRequest(
            part.isEmpty()
                ? "parts has an empty entry; choose from " + CHOICES
                : "Unknown part '" + part + "'; choose from " + CHOICES);
      }
      parts.add(part);
    }
    return parts.contains(ALL) ? Set.of(ALL) : parts;
  }

  /** The download's file name: the job id, plus the parts unless it is the whole folder. */
  static String fileName(String jobId, Set<String> parts) {
    return parts.contains(ALL) ? jobId + ".zip" : jobId + "-" + String.join("-", parts) + ".zip";
  }
}
