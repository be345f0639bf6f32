package eu.opeva.coordinator.storage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Allow-lists for every name that reaches a path. Anything else is refused before it touches the
 * file system.
 */
public final class SafeNames {
  /** The longest job id. */
  private static final int MAX_JOB_ID = 128;

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

  /**
   * Job ids: uuid4 strings, and the legacy example ids such as {@code sample_job}: 1 to 128 of
   * {@code [A-Za-z0-9_.-]}, the first a letter or digit, no {@code ..}. Checked character by
   * character: recovery checks every folder name and every path of a job.
   */
  public static boolean isJobId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_JOB_ID || !isAsciiAlnum(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!isAsciiAlnum(c) && c != '_' && c != '-' && !(c == '.' && id.charAt(i - 1) != '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
