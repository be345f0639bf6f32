package eu.opeva.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * CORS for other origins only. A browser sends {@code Origin} on some requests to the page's own
 * server too (module scripts, POSTs from fetch), and those are no cross-origin requests: the
 * console at {@code /ui/} and Swagger UI at {@code /docs} must reach the API they came from without
 * their origin being listed. A request whose {@code Origin} names the host it was sent to ({@code
 * Host}, the port omitted when it is its scheme's default, as browsers write both) goes on; every
 * other one passes the CORS handler, which refuses origins not configured.
 */
final class SameOriginCors implements Handler<RoutingContext> {
  private final Handler<RoutingContext> cors;

  SameOriginCors(Handler<RoutingContext> cors) {
    this.cors = cors;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (sameOrigin(rc.request().getHeader("Origin"), rc.request().getHeader("Host"))) {
      rc.next();
    } else {
      cors.handle(rc);
    }
  }

  static boolean sameOrigin(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(origin);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return false;
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
      return false;
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    String authority =
        uri.getPort() == -1 || uri.getPort() == defaultPort
            ? uri.getHost()
            : uri.getHost() + ":" + uri.getPort();
    return authority.equalsIgnoreCase(host.strip());
  }
}
