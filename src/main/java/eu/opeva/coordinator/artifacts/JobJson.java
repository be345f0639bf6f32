package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.Confinement;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** JSON files that simulation containers write into a job folder (progress, results). Blocking. */
final class JobJson {
  static final long MAX_BYTES = 16L << 20;

  private JobJson() {}

  /**
   * The parsed value of {@code file}, empty when there is none (or it is JSON {@code null}). A file
   * that does not parse is most likely being rewritten in place by the container: a 503 to retry.
   */
  static Optional<Object> read(Path jobDir, Path file, String what) throws IOException {
    Optional<Path> real = Confinement.regularFileUnder(jobDir, file);
    if (real.isEmpty()) {
      return Optional.empty();
    }
    if (Files.size(real.get()) > MAX_BYTES) {
      throw new ApiFailure(
          422,
          what
              + " is larger than "
              + (MAX_BYTES >> 20)
              + " MiB; download it with GET /jobs/{job_id}/bundle");
    }
    try {
      return Optional.ofNullable(Json.decodeValue(Buffer.buffer(Files.readAllBytes(real.get()))));
    } catch (DecodeException e) {
      throw new ApiFailure(
          503, what + " is not valid JSON right now (it may be being written); retry");
    }
  }
}
