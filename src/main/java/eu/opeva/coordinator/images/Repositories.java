package eu.opeva.coordinator.images;

import eu.opeva.coordinator.bus.ApiFailure;
import java.util.regex.Pattern;

/**
 * Image repository names as the registry API takes them, normalised as the replaced service did:
 * spaces and slashes trimmed, a single name is {@code library/<name>}, then {@code
 * <namespace>/<name>} of lower-case letters and digits separated by '.', '_' or '-'.
 */
final class Repositories {
  private static final Pattern PART = Pattern.compile("^[a-z0-9]+([._-][a-z0-9]+)*$");

  private Repositories() {}

  /** The normalised name; a 400 when it is not a repository name. */
  static String normalise(String raw) {
    String name = raw == null ? "" : raw.replaceAll("^[\\s/]+|[\\s/]+$", "");
    String[] parts = name.split("/", -1);
    if (parts.length == 1) {
      parts = new String[] {"library", name};
    }
    if (parts.length != 2) {
      throw ApiFailure.badRequest("Repository must be '<namespace>/<name>'");
    }
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw ApiFailure.badRequest(
            "Invalid repository format: '<namespace>/<name>', each of lower-case letters and"
                + " digits, separated by '.', '_' or '-'");
      }
    }
    return parts[0] + "/" + parts[1];
  }
}
