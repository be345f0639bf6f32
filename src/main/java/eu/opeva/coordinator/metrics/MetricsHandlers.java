package eu.opeva.coordinator.metrics;

import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiOperation;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format (OpenMetrics when the scraper
 * asks for it). The scrape reads every gauge, some of them from the JVM (threads, memory pools), so
 * it runs on a worker thread, never on an event loop.
 */
public final class MetricsHandlers implements ApiRoutes {
  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;

  public MetricsHandlers(Vertx vertx, Metrics metrics) {
    this.vertx = vertx;
    this.registry = metrics.registry();
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(ApiOperation.GET_METRICS, this::scrape);
  }

  private void scrape(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    String type =
        accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
    vertx
        .executeBlocking(() -> registry.scrape(type), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Responses.fail(rc, ar.cause());
              } else {
                rc.response().putHeader("content-type", type).end(ar.result());
              }
            });
  }
}
