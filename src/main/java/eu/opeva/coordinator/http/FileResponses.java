package eu.opeva.coordinator.http;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/** Sends a whole file the kernel copies to the socket (no bytes through the heap). */
public final class FileResponses {
  private FileResponses() {}

  /** {@code file} must be a confined real path; if it vanished meanwhile the answer is {@code notFound}. */
  public static void send(RoutingContext rc, Path file, String contentType, String notFound) {
    rc.response().putHeader("content-type", contentType).sendFile(file.toString())
        .onFailure(err -> Responses.fail(rc, ApiFailure.notFound(notFound)));
  }
}
