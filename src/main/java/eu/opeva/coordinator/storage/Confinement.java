package eu.opeva.coordinator.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps reads inside a folder even when a file in it is a symbolic link: a name that passed the
 * allow-list can still point elsewhere on disk. Blocking; call only from the I/O pool.
 */
public final class Confinement {
  private Confinement() {}

  /**
   * The real path of {@code file} when it is a regular file whose real location is inside {@code
   * root}.
   */
  public static Optional<Path> regularFileUnder(Path root, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Path real = file.toRealPath();
      return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code dir} is a real folder (not a link) inside {@code root}. */
  public static boolean isFolderUnder(Path root, Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      return dir.toRealPath().startsWith(root.toRealPath());
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
