package eu.opeva.coordinator.http;

import eu.opeva.coordinator.metrics.HttpMetrics;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.LocalMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes dead and hostile connections of one HTTP server (one per HTTP verticle, on its event
 * loop): connections over the cap of their client address at once, and, by a periodic sweep, those
 * whose first request headers are not complete within the header timeout or that have had no
 * request in flight for the idle timeout ({@link ConnectionTimes}). Unlike the idle timeout of
 * {@code HttpServerOptions}, a quiet request in flight (a long poll, a followed log) is never cut.
 * The counts per address are shared by every HTTP verticle of the Vert.x instance.
 */
public final class ConnectionGuard {
  static final String COUNTS = "opeva.http.connections-per-address";
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final int maxPerAddress;
  private final LocalMap<String, Integer> perAddress;
  private final ConnectionTimes<HttpConnection> times;
  private final long sweepMs;
  private final HttpMetrics metrics;
  private long sweeper = -1;

  public ConnectionGuard(Vertx vertx, Settings.Connections limits, HttpMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.maxPerAddress = limits.maxPerAddress();
    this.perAddress = vertx.sharedData().getLocalMap(COUNTS);
    this.times = new ConnectionTimes<>(limits.headerTimeout(), limits.idleTimeout());
    long shortest = Math.min(limits.headerTimeout().toMillis(), limits.idleTimeout().toMillis());
    this.sweepMs = Math.max(50, Math.min(1000, shortest / 4));
  }

  /**
   * Guards {@code server}: each new connection goes through {@code first}, then is counted and
   * timed, and {@code requests} receives its requests. Call on the event loop that owns the server,
   * before it listens.
   */
  public HttpServer guard(
      HttpServer server, Handler<HttpServerRequest> requests, Handler<HttpConnection> first) {
    sweeper = vertx.setPeriodic(sweepMs, id -> sweep());
    return server
        .connectionHandler(
            connection -> {
              first.handle(connection);
              connected(connection);
            })
        .requestHandler(
            request -> {
              var response = request.response();
              times.requestStarted(request.connection(), response::ended, System.nanoTime());
              requests.handle(request);
            });
  }

  /** Stops the sweep (the server's own shutdown closes the connections). */
  public void stop() {
    vertx.cancelTimer(sweeper);
  }

  private void connected(HttpConnection connection) {
    String address = address(connection.remoteAddress());
    int count = perAddress.merge(address, 1, Integer::sum);
    if (count > maxPerAddress) {
      release(address);
      LOG.debug("closed a connection from {}: over {} connections", address, maxPerAddress);
      connection.close();
      return;
    }
    times.opened(connection, System.nanoTime());
    metrics.connectionOpened();
    connection.closeHandler(
        v -> {
          metrics.connectionClosed();
          times.closed(connection);
          release(address);
        });
  }

  private void release(String address) {
    perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  private void sweep() {
    var due = times.expired(System.nanoTime());
    if (!due.isEmpty()) {
      LOG.debug("closing {} timed-out connections of {}", due.size(), due.size() + times.size());
      due.forEach(HttpConnection::close);
    }
  }

  private static String address(SocketAddress remote) {
    if (remote == null) {
      return "unknown";
    }
    String host = remote.hostAddress();
    return host == null ? String.valueOf(remote.path()) : host;
  }
}
