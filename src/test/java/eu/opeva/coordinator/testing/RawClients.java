package eu.opeva.coordinator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Raw TCP clients ({@link Socket}) of a server on 127.0.0.1, for tests of idle, slow and hostile
 * clients. A client may come from any loopback address (127.0.0.2 ... are distinct addresses to the
 * server). A watched client has a thread of its own that reads everything the server sends and
 * notes when the last byte came and when the server closed the connection; an unwatched one never
 * reads at all. Times are {@link System#nanoTime} values.
 */
public final class RawClients implements AutoCloseable {
  private final int port;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();

  public RawClients(int port) {
    this.port = port;
  }

  /** One connection. */
  public final class Client {
    private final Socket socket;
    private final long connectedAt;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile long lastByteAt = -1;
    private volatile long closedAt = -1;

    private Client(Socket socket) {
      this.socket = socket;
      this.connectedAt = System.nanoTime();
    }

    /** Sends {@code text} (ASCII); false if the server has closed the connection. */
    public boolean send(String text) {
      try {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    public boolean closed() {
      return closedAt >= 0;
    }

    /** What the server sent so far, as ASCII text (watched clients). */
    public String text() {
      synchronized (received) {
        return received.toString(StandardCharsets.ISO_8859_1);
      }
    }

    /** From the connection until the server closed it. */
    public Duration closedAfterConnect() {
      return Duration.ofNanos(closedAt - connectedAt);
    }

    /** From the last byte received until the server closed the connection. */
    public Duration closedAfterLastByte() {
      return Duration.ofNanos(closedAt - lastByteAt);
    }

    /** Reads and keeps what arrives until the server closes (on a thread of its own). */
    private void watch() {
      Thread reader =
          new Thread(
              null,
              () -> {
                byte[] buf = new byte[4096];
                try {
                  InputStream in = socket.getInputStream();
                  for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (received) {
                      received.write(buf, 0, n);
                    }
                    lastByteAt = System.nanoTime();
                  }
                } catch (IOException e) {
                  // reset by the server, or closed by the test
                }
                closedAt = System.nanoTime();
              },
              "raw-client",
              64 * 1024);
      reader.setDaemon(true);
      reader.start();
    }
  }

  /** A watched client from {@code localAddress} (a loopback address). */
  public Client open(String localAddress) {
    Client c = connect(localAddress, 0);
    c.watch();
    return c;
  }

  /**
   * A client from {@code localAddress} that never reads, with a small receive buffer so that the
   * server's writes stall soon.
   */
  public Client openUnread(String localAddress) {
    return connect(localAddress, 4096);
  }

  /**
   * Reads from an unwatched client until {@code marker} has arrived (say the end of the response
   * head) and then stops reading for good; what was read, as ASCII text.
   */
  public static String readUntil(Client c, String marker, Duration limit) throws IOException {
    c.socket.setSoTimeout((int) limit.toMillis());
    StringBuilder seen = new StringBuilder();
    InputStream in = c.socket.getInputStream();
    while (seen.indexOf(marker) < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before " + marker + " in: " + seen);
      }
      seen.append((char) b);
    }
    return seen.toString();
  }

  private Client connect(String localAddress, int receiveBuffer) {
    try {
      Socket s = new Socket();
      if (receiveBuffer > 0) {
        s.setReceiveBufferSize(receiveBuffer);
      }
      s.bind(new InetSocketAddress(localAddress, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      Client c = new Client(s);
      clients.add(c);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One request over a new connection from 127.0.0.1 ({@code Connection: close}); the whole answer
   * as ASCII text, empty if the connection failed.
   */
  public static String exchange(int port, String request, Duration limit) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) limit.toMillis());
      s.setSoTimeout((int) limit.toMillis());
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Sends {@code text} to each of {@code slow} one byte at a time, a byte every {@code every},
   * until the text is out or the server closes the connection (a slow-header client).
   */
  public void trickle(List<Client> slow, String text, Duration every) {
    int[] sent = new int[1];
    trickler.scheduleAtFixedRate(
        () -> {
          if (sent[0] < text.length()) {
            String next = text.substring(sent[0], ++sent[0]);
            slow.stream().filter(c -> !c.closed()).forEach(c -> c.send(next));
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Closes every client still open. */
  @Override
  public void close() {
    trickler.shutdownNow();
    for (Client c : clients) {
      try {
        c.socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
