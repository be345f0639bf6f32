package eu.opeva.coordinator.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a streamed HTTP response as it arrives (bytes kept, only counted, or compared with a file
 * as they come), so a test can watch a follow stream grow, see when it ends and check large
 * downloads byte for byte without holding them.
 */
public final class StreamReader {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final boolean keep;
  private final ByteBuffer expected;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final CompletableFuture<HttpClientResponse> head = new CompletableFuture<>();
  private long count;
  private long firstMismatch = -1;
  private volatile io.vertx.core.http.HttpConnection connection;

  private StreamReader(boolean keep, ByteBuffer expected) {
    this.keep = keep;
    this.expected = expected;
  }

  public static StreamReader open(HttpClient client, int port, String path, boolean keepBytes) {
    return start(new StreamReader(keepBytes, null), client, port, path);
  }

  /**
   * Opens {@code path} and compares every byte received with {@code file} (mapped in memory, at
   * most 2 GiB) without keeping any: see {@link #firstMismatch()}.
   */
  public static StreamReader comparing(HttpClient client, int port, String path, Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      return start(new StreamReader(false, mapped), client, port, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StreamReader start(StreamReader r, HttpClient client, int port, String path) {
    client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(req -> req.send())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                r.head.completeExceptionally(ar.cause());
                r.ended.completeExceptionally(ar.cause());
                return;
              }
              HttpClientResponse resp = ar.result();
              r.connection = resp.request().connection();
              resp.handler(buf -> r.add(buf.getBytes()));
              resp.exceptionHandler(r.ended::completeExceptionally);
              resp.endHandler(v -> r.ended.complete(null));
              r.head.complete(resp);
            });
    return r;
  }

  private synchronized void add(byte[] chunk) {
    if (expected != null && firstMismatch < 0) {
      int room = (int) Math.min(chunk.length, expected.capacity() - count);
      int at = ByteBuffer.wrap(chunk, 0, room).mismatch(expected.slice((int) count, room));
      if (at >= 0) {
        firstMismatch = count + at;
      } else if (room < chunk.length) {
        firstMismatch = count + room;
      }
    }
    count += chunk.length;
    if (keep) {
      bytes.write(chunk, 0, chunk.length);
    }
  }

  public synchronized byte[] bytes() {
    return bytes.toByteArray();
  }

  public synchronized long count() {
    return count;
  }

  /**
   * When comparing with a file: the offset of the first byte received that differs from the file
   * (or lies past its end), or -1 if every byte so far matched.
   */
  public synchronized long firstMismatch() {
    return firstMismatch;
  }

  public String text() {
    return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  public int status() {
    return response().statusCode();
  }

  public MultiMap headers() {
    return response().headers();
  }

  public HttpClientResponse response() {
    try {
      return head.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public boolean isEnded() {
    return ended.isDone();
  }

  public void awaitEnd(Duration timeout) {
    try {
      ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("stream did not end in " + timeout, e);
    }
  }

  /** Closes the connection from the client side (a client that goes away). */
  public void disconnect() {
    response();
    connection.close();
  }
}
