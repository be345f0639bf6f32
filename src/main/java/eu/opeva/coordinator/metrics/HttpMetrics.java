package eu.opeva.coordinator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * HTTP requests timed per operation of the contract (its {@code operationId}, never the raw path,
 * so job ids do not multiply the series) and status code, and the open connections. Shared by every
 * HTTP verticle; each (operation, status) timer is created once and then found by index.
 */
public final class HttpMetrics {
  /** The {@code operation} label of requests that match no operation of the contract. */
  public static final String NO_OPERATION = "none";

  private static final int STATUSES = 500; // 100..599

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Operations operations = new Operations(new String[0]);

  private record Operations(String[] ids, AtomicReferenceArray<Timer> timers) {
    Operations(String[] ids) {
      this(ids, new AtomicReferenceArray<>((ids.length + 1) * STATUSES));
    }
  }

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("opeva.http.server.connections", connections, AtomicInteger::get)
        .description("Open HTTP connections")
        .register(registry);
  }

  /**
   * The operation ids, indexed as the caller will pass them to {@link #record}: index {@code
   * ids.length} (or any index out of range) is {@link #NO_OPERATION}.
   */
  public void operations(String[] ids) {
    if (operations.ids().length == 0) {
      operations = new Operations(ids.clone());
    }
  }

  /** A request of operation {@code index} answered {@code status} after {@code nanos}. */
  public void record(int index, int status, long nanos) {
    Operations ops = operations;
    int op = index >= 0 && index < ops.ids().length ? index : ops.ids().length;
    int code = status < 100 || status > 599 ? 500 : status;
    int slot = op * STATUSES + code - 100;
    Timer timer = ops.timers().get(slot);
    if (timer == null) {
      timer =
          Timer.builder("opeva.http.server.requests")
              .description("HTTP requests by operation of the contract and status code")
              .tag("operation", op < ops.ids().length ? ops.ids()[op] : NO_OPERATION)
              .tag("status", Integer.toString(code))
              .serviceLevelObjectives(
                  Duration.ofMillis(1),
                  Duration.ofMillis(5),
                  Duration.ofMillis(25),
                  Duration.ofMillis(100),
                  Duration.ofMillis(500),
                  Duration.ofMillis(2500),
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(60))
              .register(registry);
      ops.timers().compareAndSet(slot, null, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }
}
