package eu.opeva.coordinator.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The security headers of every answer, set in this one place: {@code X-Content-Type-Options:
 * nosniff} always; {@code Cache-Control: no-store} unless the handler chose a caching policy of its
 * own (answers are per-user API data; a download that wants to be cached or resumed with validators
 * sets its own); and a strict {@code Content-Security-Policy} on every HTML answer, decided when
 * the headers are written, so any page served later gets it without asking.
 */
public final class SecurityHeaders {
  public static final String NOSNIFF = "nosniff";
  public static final String NO_STORE = "no-store";

  /**
   * Same-origin resources only: no inline script, no plug-ins, no framing, no foreign forms. The
   * pages of {@link WebPages} live with it as it is, Swagger UI included (its page loads only its
   * own files, and its styles are set from script, which the policy allows).
   */
  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** Sets the headers on the answer of {@code rc}, whatever the handler that writes it. */
  static void apply(RoutingContext rc) {
    rc.response().putHeader("X-Content-Type-Options", NOSNIFF);
    rc.addHeadersEndHandler(v -> complete(rc.response()));
  }

  /** The headers of an answer written outside the router (a request the decoder refused). */
  static void applyNow(HttpServerResponse response) {
    response.putHeader("X-Content-Type-Options", NOSNIFF);
    complete(response);
  }

  private static void complete(HttpServerResponse response) {
    MultiMap headers = response.headers();
    if (!headers.contains("Cache-Control")) {
      headers.set("Cache-Control", NO_STORE);
    }
    String type = headers.get("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
      headers.set("Content-Security-Policy", CSP);
    }
  }
}
