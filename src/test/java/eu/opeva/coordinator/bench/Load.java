package eu.opeva.coordinator.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load generator: simulated clients over Vert.x HTTP clients, latencies in HdrHistogram
 * (microseconds). Two shapes: a closed loop (each of n connections sends its next exchange when the
 * last one is answered: the saturation rate, latencies are service times), and a fixed rate (each
 * exchange is timed from the moment the schedule meant to send it, so a stalled server is charged
 * for the requests it delayed: no coordinated omission).
 */
final class Load {
  /**
   * One unit of work of a simulated client. It succeeds with true when it counts, with false when
   * there was nothing to do (that client then stops), and fails when the server answered wrongly.
   */
  interface Exchange {
    Future<Boolean> run(HttpClient http, long seq);
  }

  /** A request: method, URI, body (or null) and headers. */
  record Call(HttpMethod method, String uri, Buffer body, MultiMap headers) {
    static Call get(String uri) {
      return new Call(HttpMethod.GET, uri, null, MultiMap.caseInsensitiveMultiMap());
    }

    static Call post(String uri, String json) {
      return new Call(
          HttpMethod.POST,
          uri,
          Buffer.buffer(json),
          MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json"));
    }

    Call with(String header, String value) {
      MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(headers);
      return new Call(method, uri, body, h.set(header, value));
    }
  }

  /** An answer: its status, headers and body. */
  record Answer(int status, MultiMap headers, Buffer body) {
    Answer(int status, Buffer body) {
      this(status, MultiMap.caseInsensitiveMultiMap(), body);
    }
  }

  /**
   * What a measurement counted: exchanges done and failed, over how long, their latencies, and the
   * CPU time the server spent meanwhile (seconds, 0 when not measured).
   */
  record Outcome(
      long done, long failed, double seconds, Histogram latency, String firstError, double cpu) {
    Outcome(long done, long failed, double seconds, Histogram latency, String firstError) {
      this(done, failed, seconds, latency, firstError, 0);
    }

    Outcome withCpu(double cpuSeconds) {
      return new Outcome(done, failed, seconds, latency, firstError, cpuSeconds);
    }

    /** Exchanges per CPU-second of the server, or 0 when its CPU time was not measured. */
    double perCpuSecond() {
      return cpu > 0 ? done / cpu : 0;
    }

    double rate() {
      return done / seconds;
    }

    /** The latency at {@code percentile} (0 to 100) in milliseconds. */
    double ms(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
      return latency.getMaxValue() / 1000.0;
    }

    Outcome plus(Outcome o) {
      Histogram h = latency.copy();
      h.add(o.latency);
      return new Outcome(
          done + o.done,
          failed + o.failed,
          seconds + o.seconds,
          h,
          firstError != null ? firstError : o.firstError,
          cpu + o.cpu);
    }
  }

  private final Vertx vertx;

  Load(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A client to 127.0.0.1:{@code port} keeping up to {@code connections} connections. */
  HttpClientAgent client(int port, int connections) {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(port)
            .setKeepAlive(true)
            .setKeepAliveTimeout(120),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  static Future<Answer> send(HttpClient http, Call call) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(call.method())
            .setURI(call.uri())
            .setHeaders(call.headers())
            .setIdleTimeout(120_000);
    return http.request(options)
        .compose(req -> call.body() == null ? req.send() : req.send(call.body()))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.headers(), b)));
  }

  /**
   * One request per exchange, the {@code seq}-th from {@code calls}; counts when it is expected.
   */
  static Exchange request(LongFunction<Call> calls, IntPredicate expected) {
    return (http, seq) -> {
      Call call = calls.apply(seq);
      return send(http, call)
          .map(
              a -> {
                if (!expected.test(a.status())) {
                  throw new IllegalStateException(
                      call.method() + " " + call.uri() + ": " + a.status() + " " + a.body());
                }
                return true;
              });
    };
  }

  /**
   * {@code connections} clients in a closed loop for {@code length} (each over a connection of its
   * own); ends early when every client has run out of work, and then counts the time until then.
   */
  Outcome closed(int port, int connections, Exchange exchange, Duration length)
      throws InterruptedException {
    HttpClientAgent http = client(port, connections);
    try {
      Counting counting = new Counting(connections);
      long end = counting.start + length.toNanos();
      for (int i = 0; i < connections; i++) {
        loop(http, exchange, counting, end);
      }
      if (!counting.clients.await(length.toSeconds() + 30, TimeUnit.SECONDS)) {
        // Counted as failed (the row says so) rather than ending the whole run.
        for (long i = counting.clients.getCount(); i > 0; i--) {
          counting.count(new IllegalStateException("unanswered 30 s after the end"), 0);
        }
      }
      long stoppedAt = counting.allStoppedEarly() ? counting.lastStop.get() : end;
      return counting.outcome((stoppedAt - counting.start) / 1e9);
    } finally {
      http.close();
    }
  }

  private void loop(HttpClient http, Exchange exchange, Counting c, long end) {
    long sent = System.nanoTime();
    if (sent >= end) {
      c.clients.countDown();
      return;
    }
    exchange
        .run(http, c.seq.getAndIncrement())
        .onComplete(
            ar -> {
              long now = System.nanoTime();
              if (ar.succeeded() && !ar.result()) {
                c.early.increment();
                c.lastStop.accumulateAndGet(now, Math::max);
                c.clients.countDown();
                return;
              }
              if (now <= end) {
                c.count(ar.succeeded() ? null : ar.cause(), now - sent);
              }
              loop(http, exchange, c, end);
            });
  }

  /**
   * {@code perSecond} exchanges for {@code length} over up to {@code connections} connections, each
   * timed from its scheduled start (so the time it waited for a connection or a stalled server
   * counts).
   */
  Outcome fixedRate(int port, int connections, double perSecond, Exchange exchange, Duration length)
      throws InterruptedException {
    HttpClientAgent http = client(port, connections);
    try {
      long total = Math.max(1, (long) (perSecond * length.toMillis() / 1000.0));
      Counting c = new Counting((int) total);
      double interval = 1e9 / perSecond;
      AtomicLong next = new AtomicLong();
      vertx.setPeriodic(
          1,
          timer -> {
            long due = Math.min(total, (long) ((System.nanoTime() - c.start) / interval) + 1);
            for (long i = next.get(); i < due; i++) {
              long intended = c.start + (long) (i * interval);
              exchange
                  .run(http, i)
                  .onComplete(
                      ar -> {
                        c.count(ar.succeeded() ? null : ar.cause(), System.nanoTime() - intended);
                        c.clients.countDown();
                      });
            }
            next.set(due);
            if (due == total) {
              vertx.cancelTimer(timer);
            }
          });
      if (!c.clients.await(length.toSeconds() + 60, TimeUnit.SECONDS)) {
        for (long i = c.clients.getCount(); i > 0; i--) {
          c.count(new IllegalStateException("unanswered 60 s after the end"), 0);
        }
      }
      return c.outcome(length.toMillis() / 1000.0);
    } finally {
      http.close();
    }
  }

  /** The counters of one measurement. */
  private static final class Counting {
    final long start = System.nanoTime();
    final int clientCount;
    final CountDownLatch clients;
    final AtomicLong seq = new AtomicLong();
    final LongAdder done = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder early = new LongAdder();
    final AtomicLong lastStop = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    final ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);

    Counting(int clients) {
      this.clientCount = clients;
      this.clients = new CountDownLatch(clients);
    }

    void count(Throwable error, long nanos) {
      if (error == null) {
        done.increment();
        latency.recordValue(Math.max(0, nanos / 1000));
      } else {
        failed.increment();
        firstError.compareAndSet(null, String.valueOf(error.getMessage()));
      }
    }

    boolean allStoppedEarly() {
      return early.sum() == clientCount;
    }

    Outcome outcome(double seconds) {
      return new Outcome(done.sum(), failed.sum(), seconds, latency.copy(), firstError.get());
    }
  }
}
