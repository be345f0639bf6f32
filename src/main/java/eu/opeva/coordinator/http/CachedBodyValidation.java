package eu.opeva.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.RequestBody;

/**
 * Validates an operation's JSON body against its schema in the contract, with a validator built once.
 * vertx-openapi 5.0 builds a new schema validator for every request, copying the whole schema
 * repository; on the agents' polling path that was most of the CPU. Same schema, same 400s.
 * One instance per HTTP verticle (validators are not shared across event loops).
 */
final class CachedBodyValidation implements Handler<RoutingContext> {
  static final String BODY = "opeva.validated-body";

  private final Validator validator;
  private final boolean required;

  CachedBodyValidation(OpenAPIContract contract, String operationId) {
    RequestBody body = contract.operation(operationId).getRequestBody();
    MediaType json = body.getContent().get("application/json");
    if (json == null || json.getSchema() == null) {
      throw new IllegalStateException(operationId + " has no application/json body schema");
    }
    this.validator = contract.getSchemaRepository().validator(json.getSchema());
    this.required = body.isRequired();
  }

  @Override
  public void handle(RoutingContext rc) {
    var buffer = rc.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      if (required) {
        Responses.error(rc, 400, "Invalid request: a JSON body is required");
        return;
      }
      rc.next();
      return;
    }
    String type = rc.request().getHeader("content-type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      Responses.error(rc, 400, "Invalid request: the body must be application/json");
      return;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(buffer);
    } catch (DecodeException e) {
      Responses.error(rc, 400, "Invalid request: the body is not valid JSON");
      return;
    }
    OutputUnit result = validator.validate(parsed);
    if (!Boolean.TRUE.equals(result.getValid())) {
      Responses.error(rc, 400, ValidationErrors.describe(result));
      return;
    }
    rc.put(BODY, parsed);
    rc.next();
  }
}
