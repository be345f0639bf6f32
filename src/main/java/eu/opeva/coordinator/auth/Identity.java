package eu.opeva.coordinator.auth;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.SubmitContext;
import eu.opeva.coordinator.domain.JobFields;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who did it, written into what a request asks for: with authentication on, the signed-in user is
 * the submitter ({@code submitted_by}) and the operator ({@code operator}) whatever the body says,
 * and an agent acts only as the worker its token is bound to.
 */
public final class Identity {
  static final String OPERATOR = "operator";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private Identity() {}

  /** The body with {@code submitted_by} set to the signed-in user (unchanged without one). */
  public static JsonObject submitter(RoutingContext rc, JsonObject body) {
    Principal who = AuthGate.principal(rc);
    if (who.jobId() != null) {
      // A follow-up job is submitted by whoever submitted its parent (dispatch fills it in).
      JsonObject copy = body.copy();
      copy.remove(JobFields.SUBMITTED_BY);
      return copy;
    }
    String user = who.userName();
    return user == null ? body : body.copy().put(JobFields.SUBMITTED_BY, user);
  }

  /**
   * The context of a submission: the request's {@code Idempotency-Key} header, and the job that
   * sends it when it comes with a job's token (its parent).
   */
  public static SubmitContext submitContext(RoutingContext rc) {
    return new SubmitContext(
        rc.request().getHeader(IDEMPOTENCY_KEY), AuthGate.principal(rc).jobId(), null, null);
  }

  /** The body with {@code operator} set to the signed-in user (unchanged without one). */
  public static JsonObject operator(RoutingContext rc, JsonObject body) {
    String user = AuthGate.principal(rc).userName();
    return user == null ? body : body.copy().put(OPERATOR, user);
  }

  /**
   * The worker an agent request acts as: the token's worker; a body naming another one is a 403.
   * Without a token (authentication off), whatever the body names.
   */
  public static String worker(RoutingContext rc, String claimed) {
    String bound = AuthGate.principal(rc).workerId();
    if (bound == null) {
      return claimed;
    }
    if (claimed != null && !claimed.equals(bound)) {
      throw new ApiFailure(
          403, "The token of worker '" + bound + "' cannot act as '" + claimed + "'");
    }
    return bound;
  }

  /** Whether the request's worker was proven by a token. */
  public static boolean workerVerified(RoutingContext rc) {
    return AuthGate.principal(rc).workerId() != null;
  }
}
