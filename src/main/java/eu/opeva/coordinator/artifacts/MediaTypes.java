package eu.opeva.coordinator.artifacts;

import java.util.Locale;
import java.util.Set;

/** The content type of a served artefact, from its extension (as the replaced service did). */
final class MediaTypes {
  private static final Set<String> TEXT = Set.of("txt", "log", "md", "xml", "ini", "cfg", "conf");

  private MediaTypes() {}

  static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "csv" -> "text/csv";
      case "json" -> "application/json";
      case "yaml", "yml" -> "text/yaml";
      default -> TEXT.contains(ext) ? "text/plain" : "application/octet-stream";
    };
  }
}
