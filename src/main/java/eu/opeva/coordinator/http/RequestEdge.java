package eu.opeva.coordinator.http;

import eu.opeva.coordinator.bus.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The first handler of every request, before CORS and the auth gate. HEAD is served as the GET it
 * asks about (the server sends no body for a HEAD). Every request gets its id ({@link RequestIds}:
 * echoed in {@code X-Request-Id} on every answer, in every error body, in the log lines written for
 * it) and the {@link SecurityHeaders}. A path or query that is not valid percent-encoding, and a
 * request whose end is ambiguous (Content-Length with Transfer-Encoding, or a Transfer-Encoding
 * other than chunked: two servers could disagree on where it ends), are refused with 400.
 */
final class RequestEdge implements PlatformHandler {
  /** The routing-context key of the request's id. */
  static final String ID = "opeva.request-id";

  @Override
  public void handle(RoutingContext rc) {
    if (rc.request().method() == HttpMethod.HEAD) {
      rc.reroute(HttpMethod.GET, rc.request().uri());
      return;
    }
    String id = RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
    rc.put(ID, id);
    RequestIds.bind(id);
    rc.response().putHeader(RequestIds.HEADER, id);
    SecurityHeaders.apply(rc);
    String problem = problem(rc);
    if (problem != null) {
      Responses.error(rc, 400, problem);
      return;
    }
    rc.next();
  }

  private static String problem(RoutingContext rc) {
    try {
      rc.normalizedPath();
    } catch (IllegalArgumentException e) {
      return "The request path is not valid: '%' must start an escape of two hex digits";
    }
    try {
      rc.queryParams();
    } catch (IllegalArgumentException e) {
      return "The query string is not valid: '%' must start an escape of two hex digits";
    }
    MultiMap headers = rc.request().headers();
    var encodings = headers.getAll("Transfer-Encoding");
    if (encodings.isEmpty()) {
      return null;
    }
    if (headers.contains("Content-Length")) {
      return RequestFraming.BOTH_LENGTHS;
    }
    if (encodings.size() > 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")) {
      return "Transfer-Encoding must be chunked, once";
    }
    return null;
  }
}
