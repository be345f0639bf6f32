package eu.opeva.coordinator.auth;

import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication shared by the HTTP verticles: the credentials, password checks on a small pool of
 * their own (bcrypt costs milliseconds by design), verified credentials remembered for a while so
 * that signed-in polling and status reads cost no hash, and failed sign-ins per address.
 */
public final class AuthService {
  private static final int CACHE_LIMIT = 10_000;

  private record Verified(Principal who, long until) {}

  private final boolean enabled;
  private final Credentials credentials;
  private final FailedLogins failed;
  private final Duration ttl;
  private final Clock clock;
  private final BlockingIo pool;
  private final JobTokens jobTokens;
  private final ConcurrentHashMap<String, Verified> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Future<Optional<Principal>>> verifying =
      new ConcurrentHashMap<>();

  private AuthService(
      boolean enabled,
      Credentials credentials,
      FailedLogins failed,
      Duration ttl,
      Clock clock,
      BlockingIo pool,
      JobTokens jobTokens) {
    this.enabled = enabled;
    this.jobTokens = jobTokens;
    this.credentials = credentials;
    this.failed = failed;
    this.ttl = ttl;
    this.clock = clock;
    this.pool = pool;
  }

  /** No authentication; job tokens (null: none) still say which job a request comes from. */
  public static AuthService disabled(JobTokens jobTokens) {
    return new AuthService(false, null, null, Duration.ZERO, Clock.systemUTC(), null, jobTokens);
  }

  public static AuthService disabled() {
    return disabled(null);
  }

  public static AuthService enabled(
      Vertx vertx,
      Credentials credentials,
      int failedPerMinute,
      Duration ttl,
      Clock clock,
      JobTokens jobTokens) {
    return new AuthService(
        true,
        credentials,
        new FailedLogins(failedPerMinute, clock),
        ttl,
        clock,
        new BlockingIo(vertx, "auth", 2),
        jobTokens);
  }

  /** The tokens of running jobs, or null when this coordinator gives none. */
  public JobTokens jobTokens() {
    return jobTokens;
  }

  public boolean enabled() {
    return enabled;
  }

  public Credentials credentials() {
    return credentials;
  }

  FailedLogins failedLogins() {
    return failed;
  }

  /** The principal of credentials verified a moment ago, or null. */
  Principal cached(String authorization) {
    Verified v = cache.get(authorization);
    if (v == null) {
      return null;
    }
    if (clock.millis() > v.until()) {
      cache.remove(authorization, v);
      return null;
    }
    return v.who();
  }

  void remember(String authorization, Principal who) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(authorization, new Verified(who, clock.millis() + ttl.toMillis()));
  }

  /**
   * Checks a password off the event loop. Requests that bring the same {@code authorization} while
   * it is being checked share that one check: when a remembered sign-in expires under load, the
   * requests of every open connection would otherwise queue a hash each.
   */
  Future<Optional<Principal>> verify(String authorization, String user, String password) {
    Future<Optional<Principal>> check =
        verifying.computeIfAbsent(
            authorization, k -> pool.run(() -> credentials.user(user, password)));
    check.onComplete(ar -> verifying.remove(authorization, check));
    return check;
  }

  public Future<Void> close() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
