package eu.opeva.coordinator.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * The request side of every bus facade ({@code DispatchClient}, {@code MonitorClient} ...): sends a
 * request and gives back the reply body, or an {@link ApiFailure} carrying the status the consumer
 * failed with (a timeout or a missing consumer is a 503). A request sent while an HTTP request is
 * served carries that request's id ({@link RequestIds}).
 */
public final class BusClient {
  private final Vertx vertx;
  private final DeliveryOptions defaults;

  public BusClient(Vertx vertx, DeliveryOptions defaults) {
    this.vertx = vertx;
    this.defaults = defaults;
  }

  public Future<JsonObject> request(String address, Object body) {
    return request(address, body, defaults);
  }

  public Future<JsonObject> request(String address, Object body, DeliveryOptions options) {
    return vertx
        .eventBus()
        .<JsonObject>request(address, body, RequestIds.withCurrent(options))
        .map(m -> m.body())
        .recover(err -> Future.failedFuture(BusReplies.toApiFailure(err)));
  }

  /**
   * As {@link #request(String, Object, DeliveryOptions)}, for an address that replies with an
   * object of a codec of its own ({@code type}), handed over without a copy within this process.
   */
  public <T> Future<T> request(
      String address, Object body, DeliveryOptions options, Class<T> type) {
    return vertx
        .eventBus()
        .<T>request(address, body, RequestIds.withCurrent(options))
        .map(m -> type.cast(m.body()))
        .recover(err -> Future.failedFuture(BusReplies.toApiFailure(err)));
  }

  /** Fire and forget. */
  public void send(String address, Object body) {
    vertx.eventBus().send(address, body, RequestIds.withCurrent(new DeliveryOptions()));
  }

  public Vertx vertx() {
    return vertx;
  }
}
