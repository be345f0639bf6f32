package eu.opeva.coordinator.http;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.bus.BusReplies;
import eu.opeva.coordinator.bus.RequestIds;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing results and the one error shape from handlers: {@code {"detail": <sentence>,
 * "request_id": <id>}}, never an exception's name, a stack trace or a host path (those go to the
 * log, with the request id).
 */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  public static ValidatedRequest request(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The validated JSON body, or an empty object when none was sent. */
  public static JsonObject body(RoutingContext rc) {
    Object checked = rc.get(CachedRequestValidation.BODY);
    if (checked instanceof JsonObject json) {
      return json;
    }
    if (rc.get(CachedRequestValidation.PARAMS) != null) {
      return new JsonObject();
    }
    var body = request(rc).getBody();
    return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
  }

  public static String path(RoutingContext rc, String name) {
    Map<String, Object> checked = rc.get(CachedRequestValidation.PARAMS);
    if (checked != null) {
      return (String) checked.get(name);
    }
    return request(rc).getPathParameters().get(name).getString();
  }

  /** The path's {@code job_id} when it is a safe job id; otherwise answers 400 and returns null. */
  public static String jobId(RoutingContext rc) {
    String id = path(rc, JobFields.JOB_ID);
    if (!SafeNames.isJobId(id)) {
      error(rc, 400, "Invalid job_id");
      return null;
    }
    return id;
  }

  /** Runs the operation for the path's job id (400 when unsafe) and sends its result as JSON. */
  public static void withJobId(
      RoutingContext rc, java.util.function.Function<String, Future<?>> op) {
    String id = jobId(rc);
    if (id != null) {
      json(rc, op.apply(id));
    }
  }

  /** A query parameter, or null when absent. */
  public static Object query(RoutingContext rc, String name) {
    Map<String, Object> checked = rc.get(CachedRequestValidation.PARAMS);
    if (checked != null) {
      return checked.get(name);
    }
    var p = request(rc).getQuery().get(name);
    return p == null || p.isNull() ? null : p.get();
  }

  /** Sends the future's value as JSON (200), or its failure as {@code {"detail"}}. */
  public static void json(RoutingContext rc, Future<?> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            fail(rc, ar.cause());
          } else if (!rc.response().ended()) {
            rc.json(ar.result());
          }
        });
  }

  public static void fail(RoutingContext rc, Throwable cause) {
    if (rc.response().ended() || rc.response().closed()) {
      // Nothing can be answered any more: the client went away, or the answer is out and what
      // failed after it is cleanup (the upload stream of a body refused with 413, say).
      LOG.debug(
          "[{}] {} {} failed after its answer: {}",
          requestId(rc),
          rc.request().method(),
          rc.request().path(),
          String.valueOf(cause));
      return;
    }
    ApiFailure f = BusReplies.toApiFailure(cause);
    if (f.status() >= 500 && !(cause instanceof ApiFailure)) {
      LOG.error(
          "[{}] {} {} failed", requestId(rc), rc.request().method(), rc.request().path(), cause);
    }
    error(rc, f.status(), f.detail());
  }

  public static void error(RoutingContext rc, int status, Object detail) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(errorBody(detail, requestId(rc)));
  }

  /**
   * A 400 for a request that failed validation: the one error shape, {@code detail} the problems'
   * sentences joined by "; ", and {@code errors} each problem with its pointer or parameter.
   */
  public static void invalid(RoutingContext rc, java.util.List<Problem> problems) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    io.vertx.core.json.JsonArray errors = new io.vertx.core.json.JsonArray();
    problems.forEach(p -> errors.add(p.toJson()));
    String detail = String.join("; ", problems.stream().map(Problem::message).toList());
    rc.response()
        .setStatusCode(400)
        .putHeader("content-type", "application/json")
        .end(
            new JsonObject()
                .put("detail", detail)
                .put("request_id", requestId(rc))
                .put("errors", errors)
                .encode());
  }

  /** The one error shape. */
  static String errorBody(Object detail, String requestId) {
    return new JsonObject().put("detail", detail).put("request_id", requestId).encode();
  }

  /** The request's id (see {@link RequestEdge}); one is made up for a request that has none yet. */
  public static String requestId(RoutingContext rc) {
    String id = rc.get(RequestEdge.ID);
    if (id == null) {
      id = RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
      rc.put(RequestEdge.ID, id);
      if (!rc.response().headWritten()) {
        rc.response().putHeader(RequestIds.HEADER, id);
      }
    }
    return id;
  }
}
