package eu.opeva.coordinator.http;

import io.vertx.ext.web.openapi.router.RouterBuilder;

/** A feature's HTTP handlers, bound to the contract's operation ids. */
public interface ApiRoutes {
  void mount(RouterBuilder builder);
}
