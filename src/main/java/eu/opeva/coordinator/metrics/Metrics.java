package eu.opeva.coordinator.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of one coordinator: one Prometheus registry (never the global one, so several
 * coordinators in one JVM, as in the tests, each count only their own), the JVM and process
 * binders, and the facades each feature updates ({@link DispatchMetrics}, {@link HttpMetrics},
 * {@link FleetMetrics}, {@link ScheduleMetrics}, {@link DatasetMetrics}, {@link LogMetrics}). The
 * names are listed in {@code docs/metrics.md}.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final DispatchMetrics dispatch;
  private final HttpMetrics http;
  private final FleetMetrics fleet;
  private final ScheduleMetrics schedules;
  private final DatasetMetrics datasets;
  private final LogMetrics logs;

  private Metrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.dispatch = new DispatchMetrics(registry);
    this.http = new HttpMetrics(registry);
    this.fleet = new FleetMetrics(registry);
    this.schedules = new ScheduleMetrics(registry);
    this.datasets = new DatasetMetrics(registry);
    this.logs = new LogMetrics(registry);
  }

  /** A new registry with the JVM and process metrics bound. */
  public static Metrics create() {
    Metrics m = new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    JvmGcMetrics gc = new JvmGcMetrics();
    m.closeables.add(gc);
    for (MeterBinder binder :
        List.of(
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new JvmInfoMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            new FileDescriptorMetrics())) {
      binder.bindTo(m.registry);
    }
    return m;
  }

  /**
   * A Vert.x instance that reports its own metrics into this registry: the worker pools ({@code
   * vertx_pool_*}) and deployed verticles. Its HTTP server, HTTP client, event bus and TCP metrics
   * stay off: they would cost a meter lookup per request or message on the hottest paths, and the
   * coordinator times requests per operation itself ({@link HttpMetrics}).
   */
  public Vertx newVertx(VertxOptions options) {
    // Vert.x keeps its backends by name, one per name for the whole JVM: a name of its own, or a
    // second Vert.x instance would report into the first one's registry (vertx-micrometer-metrics
    // #139).
    MicrometerMetricsOptions vertxMetrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setRegistryName("opeva-" + java.util.UUID.randomUUID());
    for (MetricsDomain off :
        List.of(
            MetricsDomain.HTTP_SERVER,
            MetricsDomain.HTTP_CLIENT,
            MetricsDomain.EVENT_BUS,
            MetricsDomain.NET_SERVER,
            MetricsDomain.NET_CLIENT,
            MetricsDomain.DATAGRAM_SOCKET)) {
      vertxMetrics.addDisabledMetricsCategory(off);
    }
    return Vertx.builder()
        .with(options.setMetricsOptions(vertxMetrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public DispatchMetrics dispatch() {
    return dispatch;
  }

  public HttpMetrics http() {
    return http;
  }

  public FleetMetrics fleet() {
    return fleet;
  }

  /** What the scheduler counts its runs with. */
  public ScheduleMetrics schedules() {
    return schedules;
  }

  public DatasetMetrics datasets() {
    return datasets;
  }

  public LogMetrics logs() {
    return logs;
  }

  /** Unbinds the JVM listeners and closes the registry. */
  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception ignored) {
        // nothing more to release
      }
    }
    registry.close();
  }
}
