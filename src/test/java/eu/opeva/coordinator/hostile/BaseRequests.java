package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.OperationRoles;
import eu.opeva.coordinator.auth.Role;
import eu.opeva.coordinator.hostile.BaseRequest.Body;
import eu.opeva.coordinator.hostile.BaseRequest.Param;
import eu.opeva.coordinator.settings.Settings;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@link BaseRequest} for every operation of the contract, in the contract's order. */
final class BaseRequests {
  private static final long NO_BODY_LIMIT = 64 * 1024;

  /**
   * Query values an operation needs beyond its required parameters (the contract says so in words:
   * the historical data take either {@code minutes} or both {@code from_ts} and {@code until_ts}).
   */
  private static final Map<String, Map<String, String>> QUERIES =
      Map.of("getHistoricalData", Map.of("minutes", "60"));

  private BaseRequests() {}

  static List<BaseRequest> all(
      OpenAPIContract contract, Settings config, SeededState s, byte[] uploadZip) {
    Map<String, JsonObject> bodies = ValidBodies.all(s);
    List<BaseRequest> out = new ArrayList<>();
    for (Operation op : contract.operations()) {
      String id = op.getOperationId();
      Role role =
          Role.parse(String.valueOf(op.getExtensions().get(OperationRoles.EXTENSION)))
              .orElseThrow();
      List<Param> params = new ArrayList<>();
      Map<String, String> path = new LinkedHashMap<>();
      Map<String, String> query = new LinkedHashMap<>();
      for (var p : op.getParameters()) {
        Param param =
            new Param(
                p.getName(),
                p.getIn().toString().toLowerCase(),
                p.isRequired(),
                plain(p.getSchema()));
        params.add(param);
        if (param.inPath()) {
          path.put(p.getName(), pathValue(id, p.getName(), s));
        } else if (p.isRequired() && param.in().equals("query")) {
          query.put(p.getName(), String.valueOf(ValidBodies.fromSchemaValue(param.schema())));
        }
      }
      query.putAll(QUERIES.getOrDefault(id, Map.of()));
      Body kind = Body.NONE;
      JsonObject schema = null;
      JsonObject json = null;
      byte[] body = null;
      String contentType = null;
      boolean required = false;
      if (op.getRequestBody() != null) {
        required = op.getRequestBody().isRequired();
        var content = op.getRequestBody().getContent();
        if (content.containsKey("application/json")) {
          kind = Body.JSON;
          schema = plain(content.get("application/json").getSchema());
          json = bodies.containsKey(id) ? bodies.get(id) : ValidBodies.fromSchema(schema);
          body = json.toBuffer().getBytes();
          contentType = "application/json";
        } else if (content.containsKey("multipart/form-data")) {
          kind = Body.MULTIPART;
          schema = plain(content.get("multipart/form-data").getSchema());
          contentType = "multipart/form-data; boundary=" + Multipart.BOUNDARY;
          body = Multipart.upload("hostile-up", "hostile-up.zip", uploadZip);
        } else {
          throw new IllegalStateException(id + ": a request body the suite cannot send");
        }
      }
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      String authorization = Callers.forRole(role);
      if (authorization != null) {
        headers.add(Map.entry("Authorization", authorization));
      }
      if (contentType != null) {
        headers.add(Map.entry("Content-Type", contentType));
      }
      out.add(
          new BaseRequest(
              id,
              role,
              op.getHttpMethod().name(),
              op.getOpenAPIPath(),
              List.copyOf(params),
              path,
              query,
              kind,
              json,
              schema,
              required,
              body,
              contentType,
              limit(op, config),
              Boolean.TRUE.equals(op.getExtensions().get(OperationRoles.JOB_EXTENSION)),
              List.copyOf(headers)));
    }
    return out;
  }

  /** The body limit of an operation, as {@code http.BodyLimits} reads it from the contract. */
  static long limit(Operation op, Settings config) {
    Object kind = op.getExtensions().get("x-opeva-body-limit");
    if (kind == null) {
      return op.getRequestBody() == null ? NO_BODY_LIMIT : config.http().bodyLimitBytes();
    }
    return switch (String.valueOf(kind)) {
      case "agent" -> config.http().agentBodyLimitBytes();
      case "config" -> 2 * config.experiments().configMaxBytes() + NO_BODY_LIMIT;
      case "upload" -> config.datasets().uploadMaxBytes();
      default -> throw new IllegalStateException(op.getOperationId() + ": limit " + kind);
    };
  }

  private static String pathValue(String op, String name, SeededState s) {
    return switch (name) {
      case "job_id" -> jobFor(op, s);
      case "pipeline_id" -> s.pipeline();
      case "schedule_id" -> s.schedule();
      case "file_name" ->
          op.equals("deleteExperimentConfig") ? SeededState.OTHER_CONFIG : SeededState.CONFIG;
      case "name" -> SeededState.DATASET;
      case "site" -> op.equals("updateSchema") ? SeededState.SPARE_SITE : SeededState.SITE;
      case "site_id", "energy_community" -> SeededState.SITE;
      default -> "x";
    };
  }

  private static String jobFor(String op, SeededState s) {
    return switch (op) {
      case "getProgress", "getResult", "getJobBundle", "rerunJob" -> s.finished();
      case "opsRequeueJob" -> s.failed();
      case "opsCancelJob" -> s.queued();
      case "deleteJob" -> s.canceled();
      case "stopJob", "opsStopJob" -> s.dispatched();
      default -> s.running();
    };
  }

  /** A schema of the contract (refs resolved) as a plain JSON object. */
  static JsonObject plain(Object schema) {
    return new JsonObject(((JsonObject) schema).encode());
  }
}
