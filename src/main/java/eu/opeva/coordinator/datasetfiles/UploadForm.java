package eu.opeva.coordinator.datasetfiles;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

/**
 * The multipart form of {@code POST /dataset/upload}: a {@code file} (.zip) and an optional {@code
 * name}; {@code zip} is where the body handler streamed the file.
 */
public record UploadForm(String name, String zip, String fileName) {

  /** The request's form, or a 400 saying what is wrong with it. */
  public static UploadForm of(RoutingContext rc) {
    FileUpload upload =
        rc.fileUploads().stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
    if (upload == null) {
      throw ApiFailure.badRequest("A 'file' upload is required");
    }
    String fileName = upload.fileName() == null ? "" : upload.fileName();
    if (!fileName.toLowerCase().endsWith(".zip")) {
      throw ApiFailure.badRequest("Only .zip dataset uploads are supported");
    }
    String name = datasetName(rc.request().getFormAttribute("name"), fileName);
    return new UploadForm(name, upload.uploadedFileName(), fileName);
  }

  /**
   * The form's name, else the file's base name without {@code .zip}; checked like the replaced
   * service, except that a given name with a path in it is refused rather than cut to its last
   * part.
   */
  static String datasetName(String given, String fileName) {
    String name;
    if (given != null && !given.isBlank()) {
      name = given.trim();
    } else {
      String base = fileName.replace('\\', '/');
      name = base.substring(base.lastIndexOf('/') + 1, base.length() - 4).trim();
    }
    if (name.isEmpty()) {
      throw ApiFailure.badRequest("Dataset name is required");
    }
    if (name.length() > 128) {
      throw ApiFailure.badRequest("Dataset name is too long");
    }
    if (!DatasetNames.isValid(name)) {
      throw ApiFailure.badRequest("Dataset name contains invalid characters");
    }
    return name;
  }
}
