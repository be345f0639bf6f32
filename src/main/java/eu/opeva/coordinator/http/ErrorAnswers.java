package eu.opeva.coordinator.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The router's own failures in the one error shape. Every client error the router or a Vert.x
 * handler can fail with has a handler here, so none is logged as an unhandled failure.
 */
final class ErrorAnswers {
  private static final List<Integer> PLAIN =
      List.of(401, 402, 406, 408, 409, 410, 411, 412, 414, 416, 417, 422, 429, 431);

  private ErrorAnswers() {}

  static void register(Router router) {
    ValidationErrors validation = new ValidationErrors(null);
    router.errorHandler(
        400,
        rc -> {
          List<Problem> problems = validation.describe(rc.failure());
          if (problems == null) {
            Responses.error(rc, 400, ValidationErrors.plain(rc.failure()));
          } else {
            Responses.invalid(rc, problems);
          }
        });
    // The CORS handler's refusal of an origin that is not configured.
    router.errorHandler(
        403, rc -> Responses.error(rc, 403, "Requests from this origin are not allowed"));
    router.errorHandler(404, rc -> Responses.error(rc, 404, "Not Found"));
    router.errorHandler(405, rc -> Responses.error(rc, 405, "Method Not Allowed"));
    router.errorHandler(413, ErrorAnswers::tooLarge);
    router.errorHandler(
        415, rc -> Responses.error(rc, 415, "This operation does not take that media type"));
    for (int status : PLAIN) {
      router.errorHandler(
          status,
          rc -> Responses.error(rc, status, HttpResponseStatus.valueOf(status).reasonPhrase()));
    }
    router.errorHandler(
        500,
        rc -> {
          Long limit = rc.get(BodyLimits.LIMIT);
          if (limit != null && rc.request().bytesRead() > limit) {
            // vertx-web's body handler, cancelling the file upload of a body over its limit, can
            // trip over the upload's file being closed already; the upload then fails as
            // "Streaming aborted" instead of the 413 the handler meant to send.
            tooLarge(rc);
            return;
          }
          if (rc.failure() != null) {
            Responses.fail(rc, rc.failure());
          } else {
            Responses.error(rc, 500, "Internal error");
          }
        });
  }

  private static void tooLarge(RoutingContext rc) {
    Long limit = rc.get(BodyLimits.LIMIT);
    Responses.error(
        rc,
        413,
        limit == null
            ? "Request body too large"
            : "Request body too large: this operation takes at most " + limit + " bytes");
  }
}
