package eu.opeva.coordinator.http;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * Sends a whole file as a stream with back-pressure. Opening and sizing run off the event loop
 * ({@code sendFile} would open the file on it, which can stall on a slow shared mount).
 */
public final class FileResponses {
  private static final OpenOptions READ_ONLY =
      new OpenOptions().setRead(true).setWrite(false).setCreate(false);

  private FileResponses() {}

  /**
   * {@code file} must be a confined real path; if it vanished meanwhile the answer is {@code
   * notFound}.
   */
  public static void send(RoutingContext rc, Path file, String contentType, String notFound) {
    rc.vertx()
        .fileSystem()
        .open(file.toString(), READ_ONLY)
        .onComplete(
            opened -> {
              if (opened.failed()) {
                Responses.fail(rc, ApiFailure.notFound(notFound));
                return;
              }
              var af = opened.result();
              af.size()
                  .onComplete(
                      sized -> {
                        if (sized.failed()) {
                          af.close();
                          Responses.fail(rc, ApiFailure.notFound(notFound));
                          return;
                        }
                        // The length is fixed when sending starts: bytes appended meanwhile are not
                        // sent.
                        af.setReadLength(sized.result());
                        rc.response()
                            .putHeader("content-type", contentType)
                            .putHeader("content-length", String.valueOf(sized.result()));
                        af.pipeTo(rc.response()).onComplete(done -> af.close());
                      });
            });
  }
}
