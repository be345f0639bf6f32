package eu.opeva.coordinator.storage;

import eu.opeva.coordinator.bus.ApiFailure;
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

  /**
   * The real path of {@code file}, a regular file whose real location is inside {@code root}: a 404
   * ({@code what} not found) when there is none, a 400 when it is a link that leads out of {@code
   * root} ({@code rootName} in the answer, never a host path).
   */
  public static Path requireFileUnder(Path root, Path file, String what, String rootName)
      throws IOException {
    Optional<Path> real = regularFileUnder(root, file);
    if (real.isPresent()) {
      return real.get();
    }
    if (Files.isRegularFile(file)) {
      throw ApiFailure.badRequest(
          what + " is a link that leads outside " + rootName + "; only files inside it are read");
    }
    throw ApiFailure.notFound(what + " not found");
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
