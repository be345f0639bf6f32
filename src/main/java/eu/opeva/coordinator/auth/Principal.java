package eu.opeva.coordinator.auth;

import java.util.Set;

/**
 * Who a request comes from: a user with roles, an agent (its worker id), or a running job (its own
 * token). With authentication off, every request comes from {@link #UNCHECKED}, who may do anything
 * and names no worker, or from a job that shows its token (only to be known as its parent).
 */
public record Principal(Kind kind, String name, Set<Role> roles) {
  public enum Kind {
    USER,
    AGENT,
    /** A running job, with its own token: only the operations the contract opens to jobs. */
    JOB,
    UNCHECKED
  }

  public static final Principal UNCHECKED =
      new Principal(Kind.UNCHECKED, null, Set.of(Role.OPERATOR, Role.AGENT));

  public Principal {
    roles = Set.copyOf(roles);
  }

  public static Principal user(String name, Set<Role> roles) {
    return new Principal(Kind.USER, name, roles);
  }

  public static Principal agent(String workerId) {
    return new Principal(Kind.AGENT, workerId, Set.of(Role.AGENT));
  }

  /** A running job (its token names it). */
  public static Principal job(String jobId) {
    return new Principal(Kind.JOB, jobId, Set.of());
  }

  /** The job whose token the request carries; null for everyone else. */
  public String jobId() {
    return kind == Kind.JOB ? name : null;
  }

  public boolean may(Role needed) {
    return roles.stream().anyMatch(r -> r.allows(needed));
  }

  /** The worker an agent's token is bound to; null for users and unchecked requests. */
  public String workerId() {
    return kind == Kind.AGENT ? name : null;
  }

  /** The signed-in user's name; null for agents and unchecked requests. */
  public String userName() {
    return kind == Kind.USER ? name : null;
  }
}
