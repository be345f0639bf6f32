package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.Confinement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blocking file work on the datasets folder (run on worker threads). Links are never followed:
 * deleting a dataset that contains a link removes the link, not what it points to. Names starting
 * with a dot are the service's {@link WorkFolders} and are not datasets.
 */
public final class DatasetFiles {
  private DatasetFiles() {}

  /** {@code [{name, description}]} by name; the description comes from {@code schema.json}. */
  static JsonArray list(Path datasets) throws IOException {
    JsonArray out = new JsonArray();
    if (!Files.isDirectory(datasets)) {
      return out;
    }
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> s = Files.list(datasets)) {
      s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(entries::add);
    }
    for (Path p : entries) {
      out.add(
          new JsonObject()
              .put("name", p.getFileName().toString())
              .put("description", description(p)));
    }
    return out;
  }

  private static String description(Path dataset) {
    Path schema = dataset.resolve("schema.json");
    if (!Files.isDirectory(dataset, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(schema)) {
      return "";
    }
    JsonObject parsed = eu.opeva.coordinator.storage.JsonFiles.readObjectOrNull(schema);
    return parsed != null && parsed.getValue("description") instanceof String d ? d : "";
  }

  /**
   * What {@code GET /dataset/download/{name}} sends: empty for a dataset folder (streamed as a
   * zip), else the real path of a dataset file; a 404 when it is neither (or lies outside {@code
   * root}).
   */
  static Optional<Path> downloadFile(Path root, Path dataset) throws IOException {
    if (Confinement.isFolderUnder(root, dataset)) {
      return Optional.empty();
    }
    return Optional.of(
        Confinement.regularFileUnder(root, dataset)
            .orElseThrow(() -> ApiFailure.notFound("Dataset not found")));
  }

  public static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** Moves the dataset aside in one rename (readers never see half of it), then deletes it. */
  public static boolean delete(Path dataset) throws IOException {
    if (!exists(dataset)) {
      return false;
    }
    Path aside = WorkFolders.aside(dataset, "deleting");
    try {
      Files.move(dataset, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return false;
    }
    deleteTree(aside);
    return true;
  }

  public static void deleteTree(Path root) throws IOException {
    if (!exists(root)) {
      return;
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(root);
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Puts a finished dataset folder in place of {@code target}. An existing dataset is moved aside
   * first and deleted only once the new one is in place; if that fails it is moved back.
   */
  public static void install(Path built, Path target) throws IOException {
    Path previous = null;
    if (exists(target)) {
      previous = WorkFolders.aside(target, "replaced");
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (previous != null) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (previous != null) {
      deleteTree(previous);
    }
  }
}
