package eu.opeva.coordinator.http;

import eu.opeva.coordinator.auth.OperationRoles;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of request-body limits, per operation, from the contract: {@code
 * x-opeva-body-limit} names an operation's limit ({@code agent}: the small agent limit; {@code
 * config}: experiment config writes, twice the largest config for JSON escaping; {@code upload}: a
 * handler of the feature's own, such as a file upload streamed to disk); every other operation with
 * a body takes the JSON limit. An operation without a body (and any request the contract does not
 * know) reads at most {@link #NO_BODY_BYTES}, and never as a form (415): the form decoder refuses
 * GET requests with an exception. Only the {@code upload} operations read forms: a form sent to a
 * JSON operation is a 415 too.
 */
final class BodyLimits implements Handler<RoutingContext> {
  static final String EXTENSION = "x-opeva-body-limit";

  /** The routing-context key of the limit that applies (for the 413 answer). */
  static final String LIMIT = "opeva.body-limit";

  static final long NO_BODY_BYTES = 64 * 1024;

  /** {@code takesForm}: only the operations with a handler of their own (uploads) read forms. */
  private record Entry(
      long limit, Handler<RoutingContext> handler, boolean takesBody, boolean takesForm) {}

  private final OperationRoles operations;
  private final Map<String, Entry> byOperation = new HashMap<>();
  private final Entry noBody = new Entry(NO_BODY_BYTES, handler(NO_BODY_BYTES), false, false);

  /**
   * {@code own}: the feature handlers of the {@code upload} operations. Refuses a contract whose
   * limits and handlers do not match.
   */
  BodyLimits(
      OpenAPIContract contract,
      OperationRoles operations,
      Settings config,
      Map<ApiOperation, BodyHandler> own) {
    this.operations = operations;
    long config2x = 2 * config.experiments().configMaxBytes() + NO_BODY_BYTES;
    for (Operation op : contract.operations()) {
      String id = op.getOperationId();
      Object kind = op.getExtensions().get(EXTENSION);
      BodyHandler given = ApiOperation.of(id).map(own::get).orElse(null);
      if ("upload".equals(kind) != (given != null)) {
        throw new IllegalStateException(
            "Operation "
                + id
                + ": "
                + EXTENSION
                + " upload and a feature body handler go together");
      }
      Entry entry;
      if (op.getRequestBody() == null && kind == null) {
        entry = noBody;
      } else if (kind == null) {
        entry = entry(config.http().bodyLimitBytes());
      } else {
        entry =
            switch (String.valueOf(kind)) {
              case "agent" -> entry(config.http().agentBodyLimitBytes());
              case "config" -> entry(config2x);
              case "upload" -> new Entry(config.datasets().uploadMaxBytes(), given, true, true);
              default ->
                  throw new IllegalStateException(
                      "Operation " + id + ": unknown " + EXTENSION + " '" + kind + "'");
            };
      }
      byOperation.put(id, entry);
    }
  }

  @Override
  public void handle(RoutingContext rc) {
    Operation op = operations.match(rc);
    Entry entry = op == null ? noBody : byOperation.getOrDefault(op.getOperationId(), noBody);
    if (!entry.takesForm() && isForm(rc.request())) {
      // A form would be decoded into attributes and leave the JSON body empty: an operation whose
      // body is optional would then run as if none had been sent.
      Responses.error(
          rc,
          415,
          entry.takesBody()
              ? "This operation takes a JSON body, never a form"
              : "This operation takes no request body, and never a form");
      return;
    }
    rc.put(LIMIT, entry.limit());
    entry.handler().handle(rc);
  }

  private static Entry entry(long limit) {
    return new Entry(limit, handler(limit), true, false);
  }

  /** Buffers the body up to the limit (413 beyond); file uploads are refused. */
  private static Handler<RoutingContext> handler(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }

  /** A form body is announced (the decoder of forms would run on it). */
  private static boolean isForm(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT).trim();
    boolean form = t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
    String length = request.getHeader("Content-Length");
    boolean body =
        request.getHeader("Transfer-Encoding") != null || (length != null && !length.equals("0"));
    return form && body;
  }
}
