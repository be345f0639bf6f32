package eu.opeva.coordinator.auth;

import eu.opeva.coordinator.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The one check of who may call what, before any other handler (bodies are not even read for a
 * caller who may not call): the operation's role comes from the contract, the caller from its
 * credentials. Users sign in with HTTP Basic (bcrypt checked on the {@code auth} pool, never an
 * event loop, and remembered for a while), agents with their bearer token. A request this gate
 * cannot place is answered 404 (or 405), never let through unchecked.
 */
public final class AuthGate implements Handler<RoutingContext> {
  /** The routing-context key of the request's {@link Principal}. */
  public static final String PRINCIPAL = "opeva.principal";

  private static final String REALM = "Basic realm=\"opeva\"";
  private static final String AGENT_REALM = "Bearer realm=\"opeva\"";

  private final OperationRoles roles;
  private final Map<String, Role> otherRoutes;
  private final AuthService auth;

  /**
   * {@code otherRoutes}: routes outside the contract (such as {@code /openapi.yaml}) by path, with
   * the role each needs; a path ending in {@code /*} stands for every path under it.
   */
  public AuthGate(OperationRoles roles, Map<String, Role> otherRoutes, AuthService auth) {
    this.roles = roles;
    this.otherRoutes = otherRoutes;
    this.auth = auth;
  }

  /** Who the request comes from (set by the gate). */
  public static Principal principal(RoutingContext rc) {
    Principal p = rc.get(PRINCIPAL);
    return p == null ? Principal.UNCHECKED : p;
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    Operation op = roles.match(rc);
    Role needed = op != null ? roles.roleOf(op) : otherRole(path);
    if (needed == null) {
      boolean wrongMethod = roles.knowsPath(path);
      Responses.error(
          rc, wrongMethod ? 405 : 404, wrongMethod ? "Method Not Allowed" : "Not Found");
      return;
    }
    String header = rc.request().getHeader("Authorization");
    String bearer =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : null;
    JobTokens jobTokens = auth.jobTokens();
    boolean jobToken = bearer != null && jobTokens != null && bearer.startsWith(JobTokens.PREFIX);
    if (!auth.enabled()) {
      // Anyone may do anything; a job that shows its token is known as the parent of what it sends.
      Optional<String> job = jobToken ? jobTokens.jobOf(bearer) : Optional.empty();
      rc.put(PRINCIPAL, job.map(Principal::job).orElse(Principal.UNCHECKED));
      rc.next();
      return;
    }
    if (needed == Role.PUBLIC) {
      rc.next();
      return;
    }
    if (jobToken) {
      Optional<String> job = jobTokens.jobOf(bearer);
      if (job.isEmpty()) {
        refuse(rc, 401, needed, "Unknown job token", true);
      } else if (op == null || !roles.opensToJobs(op) || !ownJob(op, path, job.get())) {
        refuse(
            rc,
            403,
            needed,
            "A job's token may only submit follow-up jobs and pipelines and read its own job",
            false);
      } else {
        rc.put(PRINCIPAL, Principal.job(job.get()));
        rc.next();
      }
      return;
    }
    if (bearer != null) {
      // Remembered as user sign-ins are, so a polling agent costs no digest per request.
      Principal agent = auth.cached(header);
      if (agent == null) {
        Optional<String> worker = auth.credentials().workerOf(bearer);
        if (worker.isEmpty()) {
          refuse(rc, 401, needed, "Unknown agent token", true);
          return;
        }
        agent = Principal.agent(worker.get());
        auth.remember(header, agent);
      }
      if (needed != Role.AGENT) {
        refuse(rc, 403, needed, "Agent tokens cannot call this operation", false);
      } else {
        admit(rc, agent, needed);
      }
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      refuse(
          rc,
          401,
          needed,
          needed == Role.AGENT
              ? "An agent token is required"
              : "Sign in with a user name and password",
          false);
      return;
    }
    if (needed == Role.AGENT) {
      refuse(rc, 403, needed, "Agent operations take an agent token, not user credentials", false);
      return;
    }
    String address =
        rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
    Principal cached = auth.cached(header);
    if (cached != null) {
      admit(rc, cached, needed);
      return;
    }
    long wait = auth.failedLogins().retryAfter(address);
    if (wait > 0) {
      rc.response().putHeader("Retry-After", String.valueOf(wait));
      Responses.error(
          rc, 429, "Too many failed sign-ins from this address; retry in " + wait + " s");
      return;
    }
    String[] userAndPassword = decode(header.substring(6).strip());
    if (userAndPassword == null) {
      auth.failedLogins().failed(address);
      refuse(rc, 401, needed, "Malformed Basic credentials", false);
      return;
    }
    rc.request().pause(); // the body handler after this gate resumes it
    auth.verify(header, userAndPassword[0], userAndPassword[1])
        .onComplete(
            ar -> {
              if (ar.failed() || ar.result().isEmpty()) {
                auth.failedLogins().failed(address);
                refuse(rc, 401, needed, "Wrong user name or password", false);
                return;
              }
              auth.remember(header, ar.result().get());
              admit(rc, ar.result().get(), needed);
            });
  }

  /** An operation on one job ({@code {job_id}} in its path) is open to that job's token only. */
  private static boolean ownJob(Operation op, String path, String jobId) {
    String asked = OperationRoles.jobIdOf(op, path);
    return asked == null || asked.equals(jobId);
  }

  private Role otherRole(String path) {
    Role exact = otherRoutes.get(path);
    if (exact != null) {
      return exact;
    }
    for (var route : otherRoutes.entrySet()) {
      String key = route.getKey();
      if (key.endsWith("/*") && path.startsWith(key.substring(0, key.length() - 1))) {
        return route.getValue();
      }
    }
    return null;
  }

  private void admit(RoutingContext rc, Principal who, Role needed) {
    if (!who.may(needed)) {
      refuse(rc, 403, needed, "This needs the " + needed.wire() + " role", false);
      return;
    }
    rc.put(PRINCIPAL, who);
    rc.next();
  }

  private static void refuse(
      RoutingContext rc, int status, Role needed, String detail, boolean agent) {
    if (status == 401) {
      rc.response()
          .putHeader("WWW-Authenticate", needed == Role.AGENT || agent ? AGENT_REALM : REALM);
    }
    Responses.error(rc, status, detail);
  }

  /** {@code user:password} from Basic credentials; null when malformed. */
  static String[] decode(String base64) {
    try {
      String text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      return colon <= 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
