package eu.opeva.coordinator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether each configured host is online (a heartbeat or report within the heartbeat TTL, by the
 * coordinator's clock, read when scraped) and when it was last heard from. The monitor records what
 * it hears; hosts never heard from are offline.
 */
public final class FleetMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastSeen = new ConcurrentHashMap<>();

  FleetMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the configured hosts (once, at the monitor's start). */
  public void hosts(List<String> hosts, Duration heartbeatTtl, Clock clock) {
    long ttl = heartbeatTtl.toMillis();
    for (String host : hosts) {
      if (lastSeen.containsKey(host)) {
        continue;
      }
      AtomicLong seen = new AtomicLong(Long.MIN_VALUE);
      lastSeen.put(host, seen);
      Gauge.builder(
              "opeva.host.online",
              seen,
              s -> s.get() != Long.MIN_VALUE && clock.millis() - s.get() <= ttl ? 1 : 0)
          .description("1 while the host has been heard from within the heartbeat TTL, else 0")
          .tag("host", host)
          .register(registry);
      Gauge.builder(
              "opeva.host.last.heartbeat.seconds",
              seen,
              s -> s.get() == Long.MIN_VALUE ? Double.NaN : s.get() / 1000.0)
          .description("When the host was last heard from (epoch seconds; NaN: never)")
          .tag("host", host)
          .register(registry);
    }
  }

  /** The worker was heard from at {@code atMillis} (a heartbeat or a status report). */
  public void seen(String worker, long atMillis) {
    AtomicLong seen = lastSeen.get(worker);
    if (seen != null) {
      seen.set(atMillis);
    }
  }
}
