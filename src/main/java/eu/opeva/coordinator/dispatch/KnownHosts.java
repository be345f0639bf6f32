package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonArray;

/** A {@code target_host} must be one of the configured hosts: the one 400 when it is not. */
public final class KnownHosts {
  private KnownHosts() {}

  public static void require(Settings.Hosts hosts, String host) {
    if (!hosts.isKnown(host)) {
      throw ApiFailure.badRequest(
          "Unknown host '" + host + "'. Allowed: " + new JsonArray(hosts.available()).encode());
    }
  }
}
