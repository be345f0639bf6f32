package eu.opeva.coordinator.dataset;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Typed facade over the dataset verticle. Failures arrive as {@link ApiFailure}s, whose detail may
 * be an object (a failed generation's validation report).
 */
final class DatasetClient {
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(60_000);

  /** A synchronous generation answers when it ends; exports of years of data may take long. */
  private static final DeliveryOptions LONG =
      new DeliveryOptions().setSendTimeout(24L * 3600 * 1000);

  private final BusClient bus;

  DatasetClient(Vertx vertx) {
    this.bus = new BusClient(vertx, QUICK);
  }

  /**
   * The response body of {@code POST /dataset}: the created dataset, or (async) the accepted
   * request.
   */
  Future<JsonObject> create(JsonObject body, boolean async) {
    return bus.request(
            DatasetAddresses.CREATE,
            new JsonObject().put("request", body).put("async", async),
            async ? QUICK : LONG)
        .map(
            reply -> {
              if (async) {
                return reply;
              }
              if ("succeeded".equals(reply.getString("state"))) {
                return reply.getJsonObject("result");
              }
              JsonObject error = reply.getJsonObject("error", new JsonObject());
              throw new ApiFailure(error.getInteger("status", 500), error.getValue("detail"));
            });
  }

  Future<JsonObject> status(String name) {
    return bus.request(DatasetAddresses.STATUS, new JsonObject().put("name", name), QUICK);
  }

  Future<JsonObject> delete(String name) {
    return bus.request(DatasetAddresses.DELETE, new JsonObject().put("name", name), QUICK);
  }

  Future<JsonObject> upload(String name, String zipPath, String fileName) {
    return bus.request(
        DatasetAddresses.UPLOAD,
        new JsonObject().put("name", name).put("zip", zipPath).put("file_name", fileName),
        new DeliveryOptions().setSendTimeout(3_600_000));
  }
}
