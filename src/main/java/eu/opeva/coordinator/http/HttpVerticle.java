package eu.opeva.coordinator.http;

import eu.opeva.coordinator.auth.AuthGate;
import eu.opeva.coordinator.auth.AuthService;
import eu.opeva.coordinator.auth.OperationRoles;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP edge (one per core): the router is built from {@code openapi.yaml}. Every request passes, in
 * this order, the {@link RequestEdge} (request id, security headers, HEAD as GET, malformed
 * requests refused), CORS, the {@link AuthGate} (who may call what, from the contract's roles), the
 * body handler of its operation ({@link BodyLimits}) and the validation of its parameters and body;
 * only then does a feature's handler run, and handlers only translate between HTTP and the event
 * bus. Requests the HTTP decoder refuses are answered by {@link RequestFraming}. The pages outside
 * the contract ({@code /}, {@code /openapi.yaml}, {@code /docs}) are {@link WebPages}.
 */
public final class HttpVerticle extends VerticleBase {
  public static final String CONTRACT = "openapi.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final Settings config;
  private final Function<Vertx, List<ApiRoutes>> routes;
  private final AuthService auth;
  private HttpServer server;
  private ConnectionGuard guard;

  public HttpVerticle(Settings config, Function<Vertx, List<ApiRoutes>> routes, AuthService auth) {
    this.config = config;
    this.routes = routes;
    this.auth = auth;
  }

  @Override
  public Future<?> start() {
    Future<WebPages> pages = WebPages.load(vertx, CONTRACT);
    return Future.all(OpenAPIContract.from(vertx, CONTRACT), pages)
        .compose(
            loaded -> {
              Router router = router(loaded.resultAt(0), pages.result());
              guard = new ConnectionGuard(vertx, config.http().connections());
              var options = ServerOptions.of(config.http());
              var http = RequestFraming.create(vertx, options);
              return guard.guard(http, router, RequestFraming.strictDecoder(options)).listen();
            })
        .onSuccess(
            s -> {
              server = s;
              LOG.debug("HTTP listening on {}", s.actualPort());
            });
  }

  private Router router(OpenAPIContract contract, WebPages pages) {
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    OperationRoles operations = new OperationRoles(contract);
    builder.rootHandler(new RequestEdge());
    builder.rootHandler(cors());
    builder.rootHandler(new AuthGate(operations, WebPages.ROLES, auth));
    List<ApiRoutes> features = routes.apply(vertx);
    // File uploads only where a feature asks for them (and says where they go): the default body
    // handler would otherwise create file-uploads/ in the working directory.
    Map<ApiOperation, BodyHandler> own = new HashMap<>();
    features.forEach(r -> own.putAll(r.bodyHandlers()));
    builder.rootHandler(new BodyLimits(contract, operations, config, own));
    for (var op : contract.operations()) {
      // Validators built once, first on each route so they run before the handlers.
      var route = builder.getRoute(op.getOperationId());
      CachedRequestValidation.forOperation(contract, op.getOperationId())
          .ifPresent(v -> route.setDoValidation(false).addHandler(v));
    }
    ApiBinder binder = new ApiBinder(builder);
    features.forEach(r -> r.mount(binder));
    List<String> unbound = binder.unbound(contract);
    if (!unbound.isEmpty()) {
      throw new IllegalStateException(
          "Operations of " + CONTRACT + " without a handler: " + unbound);
    }
    Router router = builder.createRouter();
    pages.mount(router);
    ErrorAnswers.register(router);
    return router;
  }

  /**
   * Browsers from the configured origins may call the API with credentials, any method or header.
   */
  private CorsHandler cors() {
    return CorsHandler.create()
        .addOrigins(config.http().corsAllowedOrigins())
        .allowCredentials(true)
        .allowedMethods(
            Set.of(
                HttpMethod.GET,
                HttpMethod.POST,
                HttpMethod.PUT,
                HttpMethod.DELETE,
                HttpMethod.PATCH,
                HttpMethod.OPTIONS,
                HttpMethod.HEAD))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"))
        .exposedHeaders(
            Set.of("X-Total-Count", "X-Log-File", "X-Log-Start-Offset", "Content-Disposition"));
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    // Graceful: no new connections; in-flight responses (such as drained long polls) complete
    // first.
    if (guard != null) {
      guard.stop();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
