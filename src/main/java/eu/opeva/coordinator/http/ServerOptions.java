package eu.opeva.coordinator.http;

import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.http.HttpServerOptions;

/**
 * The options of every HTTP verticle's server. HTTP/1.1 only: no cleartext HTTP/2 upgrade (no
 * client of this service uses it, and each of its connections would carry many requests past the
 * per-connection rules of {@link ConnectionGuard}). The idle timeout of Vert.x is left off on
 * purpose: it counts only bytes on the wire, so it would cut long polls and followed logs that are
 * quiet while in flight; {@link ConnectionGuard} closes dead connections instead.
 */
final class ServerOptions {
  private ServerOptions() {}

  static HttpServerOptions of(Settings.Http http) {
    // Port 0 gives every instance its own random port; a negative port is one random port they
    // share.
    int port = http.port() == 0 ? -1 : http.port();
    return new HttpServerOptions()
        .setHost(http.host())
        .setPort(port)
        .setCompressionSupported(false)
        .setTcpNoDelay(true)
        .setHttp2ClearTextEnabled(false);
  }
}
