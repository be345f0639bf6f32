package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.JsonFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs an uploaded zip as a dataset: extracted into a hidden work folder (see {@link
 * ZipExtraction}) within the room the upload quota leaves ({@link UploadQuota}), given its {@code
 * upload_metadata.json}, then renamed into place. Any refusal leaves nothing behind. Run one at a
 * time.
 */
public final class ZipUpload {
  private ZipUpload() {}

  public static JsonObject install(
      Path zip, String fileName, Path target, Settings.Datasets limits, Clock clock)
      throws IOException {
    if (DatasetFiles.exists(target)) {
      throw ApiFailure.conflict("Dataset '" + target.getFileName() + "' already exists");
    }
    long room = UploadQuota.room(target.getParent(), limits.uploadQuotaBytes());
    Path work = WorkFolders.create(target.getParent(), "upload", target.getFileName().toString());
    try {
      long size = ZipExtraction.extract(zip, work, limits, room);
      Path root = singleFolder(work);
      new JsonFiles(false)
          .writeJson(
              root.resolve("upload_metadata.json"),
              new JsonObject()
                  .put("name", target.getFileName().toString())
                  .put("description", "Uploaded dataset")
                  .put("uploaded_from", fileName)
                  .put("uploaded_at", clock.instant().toString()));
      try {
        Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        throw ApiFailure.conflict("Dataset '" + target.getFileName() + "' already exists");
      }
      return new JsonObject()
          .put("message", "Dataset uploaded")
          .put("name", target.getFileName().toString())
          .put("size_bytes", size);
    } finally {
      DatasetFiles.deleteTree(work);
    }
  }

  /**
   * An archive holding exactly one top-level folder (and nothing else) is that folder's dataset.
   */
  private static Path singleFolder(Path work) throws IOException {
    List<Path> top;
    try (Stream<Path> s = Files.list(work)) {
      top = s.toList();
    }
    if (top.isEmpty()) {
      throw ApiFailure.badRequest("Uploaded ZIP is empty");
    }
    return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : work;
  }
}
