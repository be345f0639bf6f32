package eu.opeva.coordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Dataset exports: how many run now, how many ended and how, and how long they took. */
public final class DatasetMetrics {
  private final AtomicInteger running = new AtomicInteger();
  private final Counter succeeded;
  private final Counter failed;
  private final Timer duration;

  DatasetMetrics(MeterRegistry registry) {
    Gauge.builder("opeva.dataset.exports.running", running, AtomicInteger::get)
        .description("Dataset exports under way")
        .register(registry);
    succeeded = outcome(registry, "succeeded");
    failed = outcome(registry, "failed");
    duration =
        Timer.builder("opeva.dataset.export.duration")
            .description("How long dataset exports took, from start to end")
            .register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("opeva.dataset.exports")
        .description("Dataset exports that ended, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  public void started() {
    running.incrementAndGet();
  }

  /** An export started {@code millis} ago ended. */
  public void ended(boolean ok, long millis) {
    running.decrementAndGet();
    (ok ? succeeded : failed).increment();
    duration.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }
}
