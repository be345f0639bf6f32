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

  /** The longest file or folder name most file systems take, in bytes (UTF-8). */
  public static final int MAX_NAME_BYTES = 255;

  private SafeNames() {}

  /** The length of {@code s} in UTF-8, without encoding it (an unpaired surrogate counts 3). */
  public static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * Whether {@code s} is well-formed text: no surrogate without its pair (such a string cannot be a
   * file name: the file system refuses it with an exception).
   */
  public static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

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
   * ..} segments, backslashes, control characters, unpaired surrogates and names longer than {@link
   * #MAX_NAME_BYTES}. Empty when the path is not acceptable.
   */
  public static Optional<Path> resolveUnder(Path root, String relative) {
    if (relative == null
        || relative.isBlank()
        || relative.indexOf('\\') >= 0
        || relative.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
        || !isWellFormed(relative)) {
      return Optional.empty();
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || utf8Length(segment) > MAX_NAME_BYTES) {
        return Optional.empty();
      }
    }
    Path resolved = root.resolve(relative).normalize();
    return resolved.startsWith(root) && !resolved.equals(root)
        ? Optional.of(resolved)
        : Optional.empty();
  }
}
