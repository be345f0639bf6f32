package eu.opeva.coordinator.lease;

import eu.opeva.coordinator.bus.ApiFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether the HTTP port can be bound, checked before the shared directory is touched: a second
 * coordinator started by mistake fails on the busy port without running recovery on a live
 * directory.
 */
public final class PortCheck {
  private PortCheck() {}

  /** Succeeds when {@code host:port} is free (port 0, a random port, always is). */
  public static Future<Void> free(Vertx vertx, String host, int port) {
    if (port == 0) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
          } catch (IOException e) {
            throw ApiFailure.conflict(
                "Port "
                    + port
                    + " on "
                    + host
                    + " is in use ("
                    + e.getMessage()
                    + "); is another coordinator running? Set HTTP_PORT to another port");
          }
          return null;
        });
  }
}
