package eu.opeva.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Binds the features' handlers to the contract's operations, one handler per operation, and
 * remembers which operations are bound so that none of the contract is left without a handler.
 */
public final class ApiBinder {
  private final RouterBuilder builder;
  private final Set<ApiOperation> bound = EnumSet.noneOf(ApiOperation.class);

  public ApiBinder(RouterBuilder builder) {
    this.builder = builder;
  }

  /**
   * Adds {@code handler} to the operation's route, after the route's validation (the route's
   * security is the {@code AuthGate}'s).
   */
  public ApiBinder bind(ApiOperation operation, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operation.id());
    if (route == null) {
      throw new IllegalStateException("Operation " + operation.id() + " is not in the contract");
    }
    if (!bound.add(operation)) {
      throw new IllegalStateException("Operation " + operation.id() + " is bound twice");
    }
    // Who may call is checked by the AuthGate, before any route; the contract only documents it.
    route.setDoSecurity(false).addHandler(handler);
    return this;
  }

  /** The operations bound so far. */
  public Set<ApiOperation> bound() {
    return Set.copyOf(bound);
  }

  /** The contract's operation ids that have no handler yet, in the contract's order. */
  public List<String> unbound(OpenAPIContract contract) {
    return contract.operations().stream()
        .map(Operation::getOperationId)
        .filter(id -> ApiOperation.of(id).map(op -> !bound.contains(op)).orElse(true))
        .toList();
  }
}
