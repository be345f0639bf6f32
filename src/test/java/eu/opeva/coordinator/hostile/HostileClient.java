package eu.opeva.coordinator.hostile;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends hostile requests, a few at a time, each with a deadline: a request that gets no complete
 * answer within {@link #TIMEOUT_MS} is a hang. Answers come back in the order of the requests.
 */
final class HostileClient implements AutoCloseable {
  static final long TIMEOUT_MS = 10_000;

  private final int port;
  private final HttpClient http;
  private final ExecutorService senders;

  HostileClient(Vertx vertx, int port, int inFlight) {
    this.port = port;
    this.http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(inFlight));
    this.senders = Executors.newFixedThreadPool(inFlight);
  }

  /** Sends each request with the request id {@code <prefix>-<index>} (raw ones excepted). */
  List<Answer> sendAll(List<HostileRequest> requests, String prefix) {
    List<java.util.concurrent.Future<Answer>> pending = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      HostileRequest r = requests.get(i);
      String id = prefix + "-" + i;
      pending.add(senders.submit(() -> send(r, id)));
    }
    List<Answer> out = new ArrayList<>();
    for (var p : pending) {
      try {
        out.add(p.get());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  Answer send(HostileRequest r, String requestId) {
    long start = System.nanoTime();
    if (r.raw() != null) {
      return RawExchange.send(port, r.raw(), TIMEOUT_MS, start);
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(r.method()))
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(r.target())
            .setIdleTimeout(TIMEOUT_MS);
    r.headers().forEach(h -> options.addHeader(h.getKey(), h.getValue()));
    options.putHeader("X-Request-Id", requestId);
    Future<Answer> answer =
        http.request(options)
            .compose(
                req -> {
                  if (r.chunked()) {
                    req.setChunked(true);
                  }
                  Future<HttpClientResponse> response =
                      r.body() == null ? req.send() : req.send(Buffer.buffer(r.body()));
                  return response.compose(
                      res -> res.body().map(b -> answer(res, b.getBytes(), start)));
                });
    try {
      return answer.timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).await();
    } catch (Exception e) {
      return Answer.failed(String.valueOf(e), elapsed(start));
    }
  }

  private static Answer answer(HttpClientResponse res, byte[] body, long start) {
    Map<String, String> headers = new HashMap<>();
    res.headers()
        .forEach(
            h -> headers.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + ", " + b));
    return new Answer(res.statusCode(), headers, body, null, elapsed(start));
  }

  static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Override
  public void close() {
    senders.shutdownNow();
    http.close();
  }
}
