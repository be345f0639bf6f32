package eu.opeva.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
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

  private record Param(
      String name, Location in, boolean required, SchemaType type, Validator validator) {}

  private final List<Param> params;
  private final Validator body;
  private final boolean bodyRequired;

  private CachedRequestValidation(List<Param> params, Validator body, boolean bodyRequired) {
    this.params = params;
    this.body = body;
    this.bodyRequired = bodyRequired;
  }

  /** The validation for an operation, or empty when the router's own validation must stay. */
  static Optional<CachedRequestValidation> forOperation(
      OpenAPIContract contract, String operationId) {
    Operation op = contract.operation(operationId);
    var repository = contract.getSchemaRepository();
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
              repository.validator(p.getSchema())));
    }
    RequestBody requestBody = op.getRequestBody();
    if (requestBody == null) {
      return Optional.of(new CachedRequestValidation(params, null, false));
    }
    MediaType json = requestBody.getContent().get("application/json");
    if (json == null || json.getSchema() == null || requestBody.getContent().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(
        new CachedRequestValidation(
            params, repository.validator(json.getSchema()), requestBody.isRequired()));
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
      String where = p.in().toString().toLowerCase() + " parameter '" + p.name() + "'";
      if (raw == null) {
        if (p.required()) {
          Responses.error(rc, 400, "Invalid request: " + where + " is required");
          return;
        }
        continue;
      }
      Object value = convert(raw, p.type());
      if (value == null) {
        Responses.error(
            rc, 400, "Invalid request: " + where + " must be " + p.type().toString().toLowerCase());
        return;
      }
      OutputUnit result = p.validator().validate(value);
      if (!Boolean.TRUE.equals(result.getValid())) {
        Responses.error(
            rc, 400, "Invalid request: " + where + ": " + ValidationErrors.errors(result));
        return;
      }
      values.put(p.name(), value);
    }
    rc.put(PARAMS, values);
    if (body != null && !validateBody(rc)) {
      return;
    }
    rc.next();
  }

  private boolean validateBody(RoutingContext rc) {
    var buffer = rc.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      if (bodyRequired) {
        Responses.error(rc, 400, "Invalid request: a JSON body is required");
        return false;
      }
      rc.put(BODY, new io.vertx.core.json.JsonObject());
      return true;
    }
    String type = rc.request().getHeader("content-type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      Responses.error(rc, 400, "Invalid request: the body must be application/json");
      return false;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(buffer);
    } catch (DecodeException e) {
      Responses.error(rc, 400, "Invalid request: the body is not valid JSON");
      return false;
    }
    OutputUnit result = body.validate(parsed);
    if (!Boolean.TRUE.equals(result.getValid())) {
      Responses.error(rc, 400, "Invalid request body: " + ValidationErrors.errors(result));
      return false;
    }
    rc.put(BODY, parsed);
    return true;
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
