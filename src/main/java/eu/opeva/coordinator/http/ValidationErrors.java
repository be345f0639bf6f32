package eu.opeva.coordinator.http;

import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;

/** Turns the OpenAPI validator's failures into one readable sentence for {@code detail}. */
final class ValidationErrors {
  private ValidationErrors() {}

  /** The errors of a failed validation, one readable sentence. */
  static String errors(OutputUnit result) {
    List<String> parts = parts(result);
    if (parts.isEmpty() && result.getError() != null) {
      parts.add(result.getError());
    }
    return String.join("; ", parts);
  }

  /** Each error with where it is, duplicates dropped. */
  private static List<String> parts(OutputUnit result) {
    List<String> parts = new ArrayList<>();
    if (result != null && result.getErrors() != null) {
      for (OutputUnit e : result.getErrors()) {
        String where =
            e.getInstanceLocation() == null ? "" : e.getInstanceLocation().replace("#", "");
        String part = (where.isEmpty() ? "" : where + ": ") + e.getError();
        if (!parts.contains(part)) {
          parts.add(part);
        }
      }
    }
    return parts;
  }

  static String describe(Throwable failure) {
    Throwable cause =
        failure instanceof HttpException h && h.getCause() != null ? h.getCause() : failure;
    if (cause instanceof SchemaValidationException sve) {
      List<String> parts = parts(sve.getOutputUnit());
      String prefix = sve.getMessage() == null ? "Invalid request" : sve.getMessage();
      return parts.isEmpty() ? prefix : prefix + ": " + String.join("; ", parts);
    }
    if (cause instanceof ValidatorException ve) {
      return ve.getMessage();
    }
    if (cause instanceof JsonSchemaValidationException jsve) {
      return "Invalid request: " + jsve.getMessage();
    }
    return cause == null || cause.getMessage() == null ? "Bad Request" : cause.getMessage();
  }
}
