package eu.opeva.coordinator.http;

import eu.opeva.coordinator.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The routes outside the contract, all public: {@code /} (a page saying what this is, with links),
 * {@code /openapi.yaml} (the contract), {@code /docs} (Swagger UI on that contract, its assets from
 * the {@code org.webjars:swagger-ui} jar under {@code /docs/}). They are not operations of the
 * contract, which describes the JSON API; they pass the same edge, CORS and auth gate as every
 * request (as {@link #ROLES} lets them).
 */
final class WebPages {
  /** The paths of these routes for the auth gate; {@code /docs/*} is every path under it. */
  static final Map<String, Role> ROLES =
      Map.of(
          "/", Role.PUBLIC,
          "/openapi.yaml", Role.PUBLIC,
          "/docs", Role.PUBLIC,
          "/docs/*", Role.PUBLIC);

  static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";

  /**
   * The files of the Swagger UI jar that the page uses; the jar's own demo pages are not served.
   */
  static final Set<String> SWAGGER_UI_FILES =
      Set.of("swagger-ui.css", "swagger-ui-bundle.js", "favicon-16x16.png", "favicon-32x32.png");

  private static final String SWAGGER_UI_POM =
      "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String HTML = "text/html; charset=utf-8";

  private final Buffer contract;
  private final Buffer index;
  private final Buffer docs;
  private final Buffer docsScript;
  private final String swaggerUiVersion;

  private WebPages(
      Buffer contract, Buffer index, Buffer docs, Buffer docsScript, String swaggerUiVersion) {
    this.contract = contract;
    this.index = index;
    this.docs = docs;
    this.docsScript = docsScript;
    this.swaggerUiVersion = swaggerUiVersion;
  }

  /** Reads the pages (and which Swagger UI version is on the class path) without blocking. */
  static Future<WebPages> load(Vertx vertx, String contractPath) {
    var fs = vertx.fileSystem();
    Future<Buffer> contract = fs.readFile(contractPath);
    Future<Buffer> index = fs.readFile("web/index.html");
    Future<Buffer> docs = fs.readFile("web/docs.html");
    Future<Buffer> script = fs.readFile("web/docs.js");
    Future<Buffer> pom = fs.readFile(SWAGGER_UI_POM);
    return Future.all(contract, index, docs, script, pom)
        .map(
            v ->
                new WebPages(
                    contract.result(),
                    index.result(),
                    docs.result(),
                    script.result(),
                    version(pom.result())));
  }

  private static String version(Buffer pomProperties) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(pomProperties.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("unreadable " + SWAGGER_UI_POM, e);
    }
    String version = p.getProperty("version");
    if (version == null || !version.matches("[0-9A-Za-z.-]+")) {
      throw new IllegalStateException(SWAGGER_UI_POM + " names no version");
    }
    return version;
  }

  void mount(Router router) {
    router.get("/").handler(rc -> page(rc, index));
    router.get("/openapi.yaml").handler(rc -> send(rc, "application/yaml", contract));
    router.get("/docs").handler(rc -> page(rc, docs));
    router.get("/docs/").handler(rc -> page(rc, docs));
    router
        .get("/docs/opeva-docs.js")
        .handler(rc -> send(rc, "text/javascript; charset=utf-8", docsScript));
    router
        .get("/docs/*")
        .handler(
            rc -> {
              String file = rc.normalizedPath().substring("/docs/".length());
              if (SWAGGER_UI_FILES.contains(file)) {
                rc.next();
              } else {
                rc.fail(404);
              }
            })
        .handler(StaticHandler.create(SWAGGER_UI + swaggerUiVersion));
  }

  /**
   * A page only at its own path: a path that merely normalises to it ({@code /status/..} is {@code
   * /}) is a 404, as such a path is everywhere else.
   */
  private static void page(RoutingContext rc, Buffer body) {
    if (rc.request().path().equals(rc.normalizedPath())) {
      send(rc, HTML, body);
    } else {
      rc.fail(404);
    }
  }

  private static void send(RoutingContext rc, String type, Buffer body) {
    rc.response().putHeader("content-type", type).end(body);
  }
}
