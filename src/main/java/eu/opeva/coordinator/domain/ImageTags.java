package eu.opeva.coordinator.domain;

import eu.opeva.coordinator.bus.ApiFailure;
import java.util.regex.Pattern;

/** Image tag rules of the service this one replaces. */
public final class ImageTags {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private ImageTags() {}

  /** The normalised tag ({@code latest} for null or blank), or a 400. */
  public static String normalise(String tag) {
    if (tag == null || tag.isBlank()) {
      return "latest";
    }
    String t = tag.trim();
    if (t.length() > 128) {
      throw ApiFailure.badRequest("Image tag is too long");
    }
    if (t.chars().anyMatch(Character::isWhitespace)) {
      throw ApiFailure.badRequest("Invalid image tag");
    }
    if (t.contains("/") || t.contains(":") || t.contains("@")) {
      throw ApiFailure.badRequest("Image tag must not contain '/', ':' or '@'");
    }
    if (!TAG.matcher(t).matches()) {
      throw ApiFailure.badRequest("Invalid image tag format");
    }
    return t;
  }

  /** {@code <repository>:<tag>}, the repository trimmed of spaces and slashes. */
  public static String image(String repository, String tag) {
    return repository.trim().replaceAll("^/+|/+$", "") + ":" + tag;
  }
}
