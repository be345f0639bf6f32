package eu.opeva.coordinator.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.auth.htpasswd.HtpasswdAuth;
import io.vertx.ext.auth.htpasswd.HtpasswdAuthOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users (an htpasswd file, through vertx-auth-htpasswd with bcrypt plugged in), their roles,
 * and the agents' tokens, each bound to one worker id. Tokens are kept as SHA-256 digests and
 * compared in constant time. Immutable once loaded; {@link #user} is blocking (a bcrypt check), the
 * rest is not.
 */
public final class Credentials {
  private static final String SHA256 = "sha256:";

  private final HtpasswdAuth users;
  private final Map<String, Set<Role>> roles;
  private final Map<String, String> workerByDigest;
  private final Map<String, String> plainTokens;

  private Credentials(
      HtpasswdAuth users,
      Map<String, Set<Role>> roles,
      Map<String, String> workerByDigest,
      Map<String, String> plainTokens) {
    this.users = users;
    this.roles = roles;
    this.workerByDigest = workerByDigest;
    this.plainTokens = plainTokens;
  }

  /** Reads the files (blocking). An unknown role in the roles file stops the start. */
  public static Credentials load(Vertx vertx, AuthFiles.Paths paths) throws IOException {
    HtpasswdAuth users =
        HtpasswdAuth.create(
            vertx, new HtpasswdAuthOptions().setHtpasswdFile(paths.htpasswd().toString()));
    Map<String, Set<Role>> roles = new HashMap<>();
    TokenFile.read(paths.roles())
        .forEach(
            (user, list) -> {
              Set<Role> set = EnumSet.noneOf(Role.class);
              for (String r : list.split(",")) {
                set.add(
                    Role.parse(r)
                        .filter(Role::isUserRole)
                        .orElseThrow(
                            () ->
                                new eu.opeva.coordinator.settings.SettingsException(
                                    paths.roles()
                                        + ": user '"
                                        + user
                                        + "' has an unknown role '"
                                        + r.strip()
                                        + "' (viewer, submitter, operator)")));
              }
              roles.put(user, Set.copyOf(set));
            });
    Map<String, String> workers = new HashMap<>();
    Map<String, String> plain = new HashMap<>();
    TokenFile.read(paths.agentTokens())
        .forEach(
            (worker, token) -> {
              if (token.startsWith(SHA256)) {
                workers.put(
                    token.substring(SHA256.length()).toLowerCase(java.util.Locale.ROOT), worker);
              } else {
                workers.put(digest(token), worker);
                plain.put(worker, token);
              }
            });
    return new Credentials(users, Map.copyOf(roles), Map.copyOf(workers), Map.copyOf(plain));
  }

  /** The user, if the password is right; blocking (bcrypt), never on an event loop. */
  public Optional<Principal> user(String name, String password) {
    // The htpasswd check completes at once, on this thread.
    var checked = users.authenticate(new UsernamePasswordCredentials(name, password));
    if (!checked.isComplete() || checked.failed()) {
      return Optional.empty();
    }
    return Optional.of(Principal.user(name, roles.getOrDefault(name, Set.of())));
  }

  /**
   * The worker a token is bound to: a lookup of the token's SHA-256 digest. Only digests are ever
   * compared, so how long the lookup takes tells nothing about the token's characters (a caller
   * cannot steer a digest byte by byte), and a fleet of thousands of agents costs one hash per
   * request, not one comparison per configured token.
   */
  public Optional<String> workerOf(String token) {
    return Optional.ofNullable(workerByDigest.get(digest(token)));
  }

  /** A worker's token as written in the file (for the built-in worker); empty for digests. */
  public Optional<String> tokenOf(String worker) {
    return Optional.ofNullable(plainTokens.get(worker));
  }

  /** One SHA-256 per thread: looking the algorithm up again for every request cost as much. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private static final HexFormat HEX = HexFormat.of();

  static String digest(String token) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    return HEX.formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
