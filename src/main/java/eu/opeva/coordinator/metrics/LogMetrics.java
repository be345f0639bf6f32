package eu.opeva.coordinator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The followed log streams ({@code follow=true}) open now. */
public final class LogMetrics {
  private final AtomicInteger followers = new AtomicInteger();

  LogMetrics(MeterRegistry registry) {
    Gauge.builder("opeva.log.followers", followers, AtomicInteger::get)
        .description("Log streams that follow a job's log as it grows")
        .register(registry);
  }

  public void followStarted() {
    followers.incrementAndGet();
  }

  public void followEnded() {
    followers.decrementAndGet();
  }
}
