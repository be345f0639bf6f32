package eu.opeva.coordinator.http;

import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;

/** A feature's HTTP handlers, bound to the contract's operations through an {@link ApiBinder}. */
public interface ApiRoutes {
  void mount(ApiBinder api);

  /**
   * Body handlers of the operations whose contract says {@code x-opeva-body-limit: upload} (such as
   * file uploads, streamed to disk); every other operation gets its limit from {@link BodyLimits}.
   */
  default Map<ApiOperation, BodyHandler> bodyHandlers() {
    return Map.of();
  }
}
