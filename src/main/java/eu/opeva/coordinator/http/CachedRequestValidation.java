package eu.opeva.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a request against its operation in the contract (path, query and header parameters,
 * JSON body) with validators built once. vertx-openapi 5.0 builds a new schema validator for every
 * request, copying the whole schema repository, which cost about two thirds of the CPU of a small
 * request. Same schemas, same 400s. Used for every operation whose parameters are scalars in the
 * path, the query or a header and whose body, if any, is JSON; others keep the router's validation
 * ({@link #forOperation}). One instance per operation and HTTP verticle (validators are not shared
 * across event loops).
 */
final class CachedRequestValidation implements Handler<RoutingContext> {
  static final String PARAMS = "opeva.validated-params";
  static final String BODY = "opeva.validated-body";

  /**
   * The deepest a JSON body may nest, as for experiment configs in YAML: writing deeper values (job
   * files, MongoDB documents) overflows the stack of the thread that encodes them.
   */
  static final int MAX_DEPTH = 64;

  /**
   * Bodies up to this size are checked on the event loop; larger ones on a worker thread (a
   * vertx-json-schema validator keeps no state between calls: what a validation tracks is passed
   * along its own call, so worker threads may use it at the same time).
   */
  static final int INLINE_BODY_BYTES = 16 * 1024;

  private record Param(
      String name,
      Location in,
      boolean required,
      SchemaType type,
      JsonSchema schema,
      Validator validator,
      KnownValid<String> known) {}

  private final List<Param> params;
  private final JsonSchema bodySchema;
  private final Validator body;
  private final boolean bodyRequired;
  private final ValidationErrors errors;
  private final KnownValid<io.vertx.core.buffer.Buffer> validBodies =
      KnownValid.bodies(KnownValid.CAPACITY);

  private CachedRequestValidation(
      List<Param> params,
      JsonSchema bodySchema,
      Validator body,
      boolean bodyRequired,
      ValidationErrors errors) {
    this.params = params;
    this.bodySchema = bodySchema;
    this.body = body;
    this.bodyRequired = bodyRequired;
    this.errors = errors;
  }

  /** The validation for an operation, or empty when the router's own validation must stay. */
  static Optional<CachedRequestValidation> forOperation(
      OpenAPIContract contract, String operationId) {
    Operation op = contract.operation(operationId);
    var repository = contract.getSchemaRepository();
    ValidationErrors errors = new ValidationErrors(contract.getRawContract());
    List<Param> params = new ArrayList<>();
    for (Parameter p : op.getParameters()) {
      boolean scalar =
          p.getSchemaType() == SchemaType.STRING
              || p.getSchemaType() == SchemaType.INTEGER
              || p.getSchemaType() == SchemaType.NUMBER
              || p.getSchemaType() == SchemaType.BOOLEAN;
      if (!scalar
          || (p.getIn() != Location.PATH
              && p.getIn() != Location.QUERY
              && p.getIn() != Location.HEADER)) {
        return Optional.empty();
      }
      params.add(
          new Param(
              p.getName(),
              p.getIn(),
              p.isRequired(),
              p.getSchemaType(),
              p.getSchema(),
              repository.validator(p.getSchema()),
              KnownValid.values(KnownValid.CAPACITY)));
    }
    RequestBody requestBody = op.getRequestBody();
    if (requestBody == null) {
      return Optional.of(new CachedRequestValidation(params, null, null, false, errors));
    }
    MediaType json = requestBody.getContent().get("application/json");
    if (json == null || json.getSchema() == null || requestBody.getContent().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(
        new CachedRequestValidation(
            params,
            json.getSchema(),
            repository.validator(json.getSchema()),
            requestBody.isRequired(),
            errors));
  }

  @Override
  public void handle(RoutingContext rc) {
    Map<String, Object> values = new HashMap<>();
    for (Param p : params) {
      String raw =
          switch (p.in()) {
            case PATH -> rc.pathParam(p.name());
            case HEADER -> rc.request().getHeader(p.name());
            default -> rc.queryParams().get(p.name());
          };
      String in = p.in().toString().toLowerCase();
      if (raw == null) {
        if (p.required()) {
          refuse(rc, new Problem(p.name() + " is required", null, p.name(), in));
          return;
        }
        continue;
      }
      Object value = convert(raw, p.type());
      if (value == null) {
        refuse(rc, new Problem(p.name() + " " + notOfType(raw, p.type()), null, p.name(), in));
        return;
      }
      if (!p.known().known(raw)) {
        OutputUnit result = p.validator().validate(value);
        if (!Boolean.TRUE.equals(result.getValid())) {
          Responses.invalid(rc, errors.parameter(p.name(), in, result, p.schema()));
          return;
        }
        p.known().remember(raw);
      }
      values.put(p.name(), value);
    }
    rc.put(PARAMS, values);
    if (body == null) {
      rc.next();
      return;
    }
    var buffer = rc.body().buffer();
    String type = rc.request().getHeader("content-type");
    if (buffer == null || buffer.length() <= INLINE_BODY_BYTES) {
      Verdict verdict = checkInline(buffer, type);
      verdict.apply(rc);
      return;
    }
    // Parsing and validating a large body (configs up to their limit) takes long enough on a
    // loaded machine to hold up every other request of the event loop: a worker thread does it.
    rc.vertx()
        .executeBlocking(() -> checkBody(buffer, type), false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ar.result().apply(rc);
              } else {
                rc.fail(ar.cause());
              }
            });
  }

  /** What the body check found: the parsed body, or how the request is refused. */
  private record Verdict(Object parsed, java.util.function.Consumer<RoutingContext> refusal) {
    static Verdict accepted(Object parsed) {
      return new Verdict(parsed, null);
    }

    static Verdict refused(java.util.function.Consumer<RoutingContext> refusal) {
      return new Verdict(null, refusal);
    }

    void apply(RoutingContext rc) {
      if (refusal != null) {
        refusal.accept(rc);
      } else {
        rc.put(BODY, parsed);
        rc.next();
      }
    }
  }

  private static void refuse(RoutingContext rc, Problem problem) {
    Responses.invalid(rc, List.of(problem));
  }

  private static String notOfType(String raw, SchemaType type) {
    return switch (type) {
      case INTEGER -> raw.matches("-?[0-9]+") ? "is out of range" : "must be an integer";
      case NUMBER -> "must be a number";
      case BOOLEAN -> "must be true or false";
      default -> "is not valid";
    };
  }

  /** Checks a small body on the event loop, once per distinct valid body ({@link KnownValid}). */
  private Verdict checkInline(io.vertx.core.buffer.Buffer buffer, String type) {
    if (buffer != null
        && type != null
        && type.regionMatches(true, 0, "application/json", 0, 16)
        && validBodies.known(buffer)) {
      return Verdict.accepted(Json.decodeValue(buffer));
    }
    Verdict verdict = checkBody(buffer, type);
    if (verdict.refusal() == null && buffer != null && buffer.length() > 0) {
      validBodies.remember(buffer);
    }
    return verdict;
  }

  /** Checks a body (any thread: it only reads the buffer and this operation's validator). */
  private Verdict checkBody(io.vertx.core.buffer.Buffer buffer, String type) {
    if (buffer == null || buffer.length() == 0) {
      if (bodyRequired) {
        return Verdict.refused(rc -> refuse(rc, Problem.at("", "a JSON body is required")));
      }
      return Verdict.accepted(new io.vertx.core.json.JsonObject());
    }
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      return Verdict.refused(rc -> refuse(rc, Problem.at("", "the body must be application/json")));
    }
    if (!isUtf8(buffer.getBytes())) {
      return Verdict.refused(
          rc -> Responses.error(rc, 400, "Invalid request: the body is not valid UTF-8"));
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(buffer);
    } catch (DecodeException e) {
      return Verdict.refused(rc -> refuse(rc, Problem.at("", "the body is not valid JSON")));
    }
    if (deeperThan(parsed, MAX_DEPTH)) {
      return Verdict.refused(
          rc ->
              Responses.error(
                  rc,
                  400,
                  "Invalid request: the body is nested deeper than " + MAX_DEPTH + " levels"));
    }
    OutputUnit result = body.validate(parsed);
    if (!Boolean.TRUE.equals(result.getValid())) {
      List<Problem> problems = errors.body(result, bodySchema);
      return Verdict.refused(rc -> Responses.invalid(rc, problems));
    }
    return Verdict.accepted(parsed);
  }

  /**
   * Whether a parsed body nests objects and arrays deeper than {@code levels} (the body itself is
   * the first level). Stops counting there: at most {@code levels + 1} frames deep.
   */
  static boolean deeperThan(Object value, int levels) {
    Iterable<?> children;
    if (value instanceof io.vertx.core.json.JsonObject o) {
      children = o.getMap().values();
    } else if (value instanceof java.util.Map<?, ?> m) {
      children = m.values();
    } else if (value instanceof io.vertx.core.json.JsonArray a) {
      children = a.getList();
    } else if (value instanceof java.util.List<?> l) {
      children = l;
    } else {
      return false;
    }
    if (levels == 0) {
      return true;
    }
    for (Object child : children) {
      if (deeperThan(child, levels - 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the bytes are well-formed UTF-8. The JSON parser reads overlong forms ({@code C0 AF} as
   * '/'), encoded surrogates and code points beyond U+10FFFF as characters; a body that holds them
   * is not UTF-8, whatever it would decode to.
   */
  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A raw parameter as its schema's type, or null when it is not of that type. */
  static Object convert(String raw, SchemaType type) {
    try {
      return switch (type) {
        case INTEGER -> Long.parseLong(raw);
        case NUMBER -> Double.parseDouble(raw);
        case BOOLEAN ->
            raw.equals("true") ? Boolean.TRUE : raw.equals("false") ? Boolean.FALSE : null;
        default -> raw;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
