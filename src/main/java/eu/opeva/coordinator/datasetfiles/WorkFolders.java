package eu.opeva.coordinator.datasetfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden folders next to the datasets, {@code .<purpose>-<dataset name>-<uuid>}: a dataset
 * being built or extracted, or one moved aside to be replaced or deleted. Names starting with a dot
 * are never datasets, and an interrupted run's leftovers are cleaned up at start.
 */
public final class WorkFolders {
  private static final Pattern WORK =
      Pattern.compile(
          "\\.(building|upload|replaced|deleting)-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private WorkFolders() {}

  /** A fresh hidden work folder next to the datasets. */
  public static Path create(Path datasets, String purpose, String name) throws IOException {
    Files.createDirectories(datasets);
    return Files.createDirectory(aside(datasets.resolve(name), purpose));
  }

  /** A new hidden path next to {@code dataset} (not created). */
  static Path aside(Path dataset, String purpose) {
    return dataset.resolveSibling(
        "." + purpose + "-" + dataset.getFileName() + "-" + UUID.randomUUID());
  }

  /**
   * Cleans up after an interrupted run (called at start): work folders are deleted, and a dataset
   * that was moved aside for its replacement is put back if the replacement never arrived. Returns
   * how many leftovers there were.
   */
  public static int recover(Path datasets) throws IOException {
    if (!Files.isDirectory(datasets)) {
      return 0;
    }
    List<Path> leftovers;
    try (Stream<Path> s = Files.list(datasets)) {
      leftovers = s.filter(p -> WORK.matcher(p.getFileName().toString()).matches()).toList();
    }
    for (Path p : leftovers) {
      Matcher m = WORK.matcher(p.getFileName().toString());
      m.matches();
      Path original = datasets.resolve(m.group(2));
      if (m.group(1).equals("replaced")
          && DatasetNames.isValid(m.group(2))
          && !DatasetFiles.exists(original)) {
        Files.move(p, original, StandardCopyOption.ATOMIC_MOVE);
      } else {
        DatasetFiles.deleteTree(p);
      }
    }
    return leftovers.size();
  }
}
