package eu.opeva.coordinator.images;

import eu.opeva.coordinator.bus.BusClient;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** Typed facade over the image catalogue verticle. Failures arrive as {@code ApiFailure}. */
public final class ImageCatalogClient {
  private final BusClient bus;

  public ImageCatalogClient(Vertx vertx, Settings config) {
    // A listing may take three registry timeouts (RegistryTags); the bus waits a little longer.
    long wait = 3 * config.jobs().imageCatalog().timeout().toMillis() + 10_000;
    this.bus = new BusClient(vertx, new DeliveryOptions().setSendTimeout(wait));
  }

  /** The tags of {@code repository} (null: the configured one), at most {@code limit} (null). */
  public Future<JsonObject> versions(String repository, Integer limit) {
    return bus.request(
        ImageAddresses.VERSIONS,
        new JsonObject().put("repository", repository).put("limit", limit));
  }
}
