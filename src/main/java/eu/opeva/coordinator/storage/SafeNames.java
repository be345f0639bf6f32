package eu.opeva.coordinator.storage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Allow-lists for every name that reaches a path. Anything else is refused before it touches the
 * file system.
 */
public final class SafeNames {
  /** Job ids: uuid4 strings, and the legacy example ids such as {@code sample_job}. */
  public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /** A single file name: no separators, no leading dot, no {@code ..}. */
  public static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_. -]{0,254}");

  private SafeNames() {}

  public static boolean isJobId(String id) {
    return id != null && JOB_ID.matcher(id).matches() && !id.contains("..");
  }

  public static String requireJobId(String id) {
    if (!isJobId(id)) {
      throw new IllegalArgumentException("invalid job id");
    }
    return id;
  }

  public static boolean isFileName(String name) {
    return name != null && FILE_NAME.matcher(name).matches() && !name.contains("..");
  }

  /**
   * Resolves a relative path (sub-folders allowed) under a root, refusing absolute paths, {@code
   * ..} segments, backslashes and control characters. Empty when the path is not acceptable.
   */
  public static Optional<Path> resolveUnder(Path root, String relative) {
    if (relative == null
        || relative.isBlank()
        || relative.indexOf('\\') >= 0
        || relative.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.empty();
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.empty();
      }
    }
    Path resolved = root.resolve(relative).normalize();
    return resolved.startsWith(root) && !resolved.equals(root)
        ? Optional.of(resolved)
        : Optional.empty();
  }
}
