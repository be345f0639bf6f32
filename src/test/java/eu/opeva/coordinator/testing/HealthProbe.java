package eu.opeva.coordinator.testing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks {@code GET /health} over a new connection from 127.0.0.1 again and again ({@code every}
 * between an answer and the next question) on a thread of its own, counting the answers, the
 * failures and the slowest answer, until closed.
 */
public final class HealthProbe implements AutoCloseable {
  private static final String REQUEST =
      "GET /health HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n";

  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong slowestNanos = new AtomicLong();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
  private final int port;

  private HealthProbe(int port) {
    this.port = port;
  }

  public static HealthProbe start(int port, Duration every) {
    HealthProbe probe = new HealthProbe(port);
    probe.thread.scheduleWithFixedDelay(probe::ask, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return probe;
  }

  private void ask() {
    long start = System.nanoTime();
    String answer = RawClients.exchange(port, REQUEST, Duration.ofSeconds(10));
    long took = System.nanoTime() - start;
    if (answer.startsWith("HTTP/1.1 200")) {
      answered.incrementAndGet();
      slowestNanos.accumulateAndGet(took, Math::max);
    } else {
      failed.incrementAndGet();
    }
  }

  public int answered() {
    return answered.get();
  }

  public int failed() {
    return failed.get();
  }

  public Duration slowest() {
    return Duration.ofNanos(slowestNanos.get());
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    thread.awaitTermination(15, TimeUnit.SECONDS);
  }
}
