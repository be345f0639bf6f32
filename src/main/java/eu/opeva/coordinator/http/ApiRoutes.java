package eu.opeva.coordinator.http;

import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;

/** A feature's HTTP handlers, bound to the contract's operations through an {@link ApiBinder}. */
public interface ApiRoutes {
  void mount(ApiBinder api);

  /**
   * Body handlers for exact request paths that need other limits than the default one (such as file
   * uploads, streamed to disk); every other path gets the default body handler.
   */
  default Map<String, BodyHandler> bodyHandlers() {
    return Map.of();
  }
}
