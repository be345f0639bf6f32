package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.Role;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The authentication matrix of an operation, on its valid base request: no credentials, wrong or
 * malformed ones, a user without roles, each role (refused below the operation's role, allowed from
 * it), an agent token on a user operation, user credentials on an agent operation, and another
 * worker's token on an agent operation.
 */
final class AuthCases {
  private AuthCases() {}

  static List<HostileRequest> of(BaseRequest base, SeededState s) {
    List<HostileRequest> out = new ArrayList<>();
    Role needed = base.role();
    if (needed == Role.PUBLIC) {
      out.add(as(base, "wrong password on a public operation", basicWrong()).maySucceed().build());
      return out;
    }
    jobTokens(base, s, out);
    out.add(as(base, "no credentials", null).refused(401).build());
    out.add(as(base, "unknown agent token", Callers.bearer("no-such-token")).refused(401).build());
    out.add(as(base, "empty bearer token", "Bearer ").refused(401).build());
    out.add(as(base, "another scheme", "Digest username=\"operator1\"").refused(401).build());
    if (needed == Role.AGENT) {
      out.add(as(base, "operator credentials", Callers.user(Role.OPERATOR)).refused(403).build());
      out.add(as(base, "wrong password", basicWrong()).refused(401, 403).build());
      out.add(as(base, "its own token", Callers.forRole(Role.AGENT)).maySucceed().build());
      String other = Callers.bearer(Callers.TOKENS.get(Callers.OTHER_WORKER));
      out.add(as(base, "another worker's token", other).refused(403).build());
      if (base.json() != null && base.json().containsKey("worker_id")) {
        JsonObject unnamed = base.json().copy();
        unnamed.remove("worker_id");
        out.add(
            as(base, "another worker's token, no worker_id", other)
                .body(unnamed.toBuffer().getBytes())
                .refused(required(base, "worker_id") ? 400 : 403)
                .build());
      }
      return out;
    }
    out.add(as(base, "wrong password", basicWrong()).refused(401).build());
    out.add(
        as(base, "unknown user", Callers.basic("mallory", Callers.PASSWORD)).refused(401).build());
    out.add(as(base, "malformed Basic", "Basic !!!not-base64").refused(401).build());
    out.add(as(base, "Basic without a colon", "Basic b3BlcmF0b3Ix").refused(401).build());
    out.add(
        as(base, "a user without roles", Callers.basic("nobody", Callers.PASSWORD))
            .refused(403)
            .build());
    out.add(as(base, "an agent token", Callers.forRole(Role.AGENT)).refused(403).build());
    for (Role held : new Role[] {Role.VIEWER, Role.SUBMITTER, Role.OPERATOR}) {
      var b = as(base, "as " + held.wire(), Callers.user(held));
      out.add((held.allows(needed) ? b.maySucceed() : b.refused(403)).build());
    }
    return out;
  }

  /**
   * A running job's token may call the operations marked {@code x-opeva-job}, about no job or its
   * own; any other operation, another job, a forged token and the token of a job that ended are
   * refused.
   */
  private static void jobTokens(BaseRequest base, SeededState s, List<HostileRequest> out) {
    String running = s.jobTokens().get(s.running());
    String forged = running.substring(0, running.lastIndexOf('.') + 1) + "AAAA";
    out.add(as(base, "a forged job token", Callers.bearer(forged)).refused(401).build());
    String job = base.pathValues().get("job_id");
    var own = as(base, "the running job's token", Callers.bearer(running));
    if (!base.jobToken()) {
      out.add(own.refused(403).build());
      return;
    }
    out.add((job == null || job.equals(s.running()) ? own.maySucceed() : own.refused(403)).build());
    String other = s.jobTokens().get(s.dispatched());
    if (job != null && !job.equals(s.dispatched())) {
      out.add(as(base, "another job's token", Callers.bearer(other)).refused(403).build());
    }
    String ended = s.jobTokens().get(s.finished());
    out.add(as(base, "the token of a job that ended", Callers.bearer(ended)).refused().build());
  }

  private static boolean required(BaseRequest base, String field) {
    var list = base.bodySchema().getJsonArray("required");
    return list != null && list.contains(field);
  }

  private static String basicWrong() {
    return Callers.basic("operator1", "wrong password");
  }

  private static HostileRequest.Builder as(BaseRequest base, String what, String authorization) {
    return HostileRequest.from(base, "auth", what).header("Authorization", authorization);
  }
}
