package eu.opeva.coordinator.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reads a streamed HTTP response as it arrives (bytes kept, or only counted), so a test can watch a
 * follow stream grow and see when it ends.
 */
public final class StreamReader {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final boolean keep;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final CompletableFuture<HttpClientResponse> head = new CompletableFuture<>();
  private long count;
  private volatile io.vertx.core.http.HttpConnection connection;

  private StreamReader(boolean keep) {
    this.keep = keep;
  }

  public static StreamReader open(HttpClient client, int port, String path, boolean keepBytes) {
    StreamReader r = new StreamReader(keepBytes);
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

  /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
