package eu.opeva.coordinator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a coordinator that loses answers: the first {@code losses} connections
 * carry their request to the coordinator, which acts on it, and are closed as its answer begins, as
 * a broken network would. Later connections pass both ways.
 */
final class LossyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final AtomicInteger losses;
  private final AtomicInteger connections = new AtomicInteger();

  LossyProxy(int target, int losses) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.losses = new AtomicInteger(losses);
    Thread accept = new Thread(this::accept, "lossy-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        boolean lose = losses.getAndDecrement() > 0;
        pipe(client, upstream, false);
        pipe(upstream, client, lose);
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Copies {@code from} to {@code to}; {@code lose}: closes both at the first byte instead. */
  private static void pipe(Socket from, Socket to, boolean lose) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (from;
                  to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                  if (lose) {
                    return;
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed: both are closed on the way out
              }
            },
            "lossy-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
