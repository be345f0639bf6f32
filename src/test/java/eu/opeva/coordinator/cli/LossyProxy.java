package eu.opeva.coordinator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a coordinator that loses answers: the first {@code losses} connections
 * carry their request to the coordinator, which acts on it, and are closed as its answer begins, as
 * a broken network would. Later connections pass both ways. Requests containing a {@link #hold}
 * text wait until {@link #release}, as a slow network would hold them.
 */
final class LossyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final AtomicInteger losses;
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch holding = new CountDownLatch(1);
  private volatile String hold;

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

  /** Requests containing {@code text} wait until {@link #release()}. */
  LossyProxy hold(String text) {
    this.hold = text;
    return this;
  }

  /** Waits until a request is held. */
  void awaitHeld() throws InterruptedException {
    if (!holding.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("no request was held");
    }
  }

  void release() {
    released.countDown();
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
        pipe(client, upstream, false, true);
        pipe(upstream, client, lose, false);
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Copies {@code from} to {@code to}; {@code lose}: closes both at the first byte instead; {@code
   * request}: bytes with the held text wait for the release.
   */
  private void pipe(Socket from, Socket to, boolean lose, boolean request) {
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
                  String held = hold;
                  if (request
                      && held != null
                      && new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains(held)) {
                    holding.countDown();
                    released.await();
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed: both are closed on the way out
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
