package eu.opeva.coordinator.http;

import io.vertx.ext.web.Router;

/** The router's own failures in the one error shape. */
final class ErrorAnswers {
  private ErrorAnswers() {}

  static void register(Router router) {
    router.errorHandler(
        400, rc -> Responses.error(rc, 400, ValidationErrors.describe(rc.failure())));
    router.errorHandler(404, rc -> Responses.error(rc, 404, "Not Found"));
    router.errorHandler(405, rc -> Responses.error(rc, 405, "Method Not Allowed"));
    router.errorHandler(413, rc -> Responses.error(rc, 413, "Request body too large"));
    router.errorHandler(
        500,
        rc -> {
          if (rc.failure() != null) {
            Responses.fail(rc, rc.failure());
          } else {
            Responses.error(rc, 500, "Internal error");
          }
        });
  }
}
