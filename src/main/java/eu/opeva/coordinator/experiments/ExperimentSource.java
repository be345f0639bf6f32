package eu.opeva.coordinator.experiments;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.SafeNames;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a job's config comes from: a file under {@code configs/}, or inline (saved under a name).
 */
public final class ExperimentSource {
  private ExperimentSource() {}

  /**
   * The relative path under {@code configs/} for a requested {@code config_path}. As the replaced
   * service did, leading slashes and then a {@code configs/} prefix are dropped ({@code
   * /configs/x.yaml}, {@code /x.yaml}, {@code configs/x.yaml} and {@code x.yaml} are one file);
   * sub-folders are allowed; anything else that could leave the folder ({@code ..}, backslashes,
   * encoded or odd characters) is a 400.
   */
  public static String configRelativePath(String requested, Path configsDir) {
    if (requested == null || requested.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw ApiFailure.badRequest("Invalid config_path");
    }
    String rel = requested.strip().replaceFirst("^/+", "");
    if (rel.startsWith("configs/")) {
      rel = rel.substring("configs/".length());
    }
    boolean ok =
        !rel.isEmpty()
            && !rel.startsWith("/")
            && java.util.Arrays.stream(rel.split("/", -1)).allMatch(SafeNames::isFileName)
            && SafeNames.resolveUnder(configsDir, rel).isPresent();
    if (!ok) {
      throw ApiFailure.badRequest("Invalid config_path");
    }
    return rel;
  }

  /**
   * The file name an inline config is saved as: {@code save_as} or {@code <job_id>.yaml}; {@code
   * save_as} follows the rule of {@code /experiment-config/create} (400 otherwise).
   */
  public static String inlineFileName(String saveAs, String jobId) {
    if (saveAs == null || saveAs.isBlank()) {
      return jobId + ".yaml";
    }
    String name = saveAs.strip();
    if (!ExperimentNames.isConfigName(name)) {
      throw ApiFailure.badRequest(
          "Invalid file name for save_as: use a plain file name (no folders, no '..') "
              + "ending in .yaml or .yml");
    }
    return name;
  }

  public static Optional<String> executorKeys(io.vertx.core.json.JsonObject config) {
    if (!(config.getValue("execution") instanceof io.vertx.core.json.JsonObject execution)) {
      return Optional.empty();
    }
    var forbidden =
        java.util.List.of("deucalion", "docker", "executor", "host", "local", "runtime", "server");
    var found = execution.fieldNames().stream().filter(forbidden::contains).sorted().toList();
    return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found));
  }
}
