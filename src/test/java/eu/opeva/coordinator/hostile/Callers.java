package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.BcryptHashing;
import eu.opeva.coordinator.auth.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The callers of the suite: one user per role (and one without any), agent tokens per worker, and
 * the wrong credentials of the authentication matrix. Their files are written where the coordinator
 * looks for its own, {@code <COORDINATOR_HOME>/auth/}, so that the state folder holds them.
 */
final class Callers {
  static final String PASSWORD = "correct horse";
  static final String WORKER = "worker-a";
  static final String OTHER_WORKER = "worker-b";
  static final Map<String, String> TOKENS =
      Map.of(WORKER, "tok-a", OTHER_WORKER, "tok-b", "local", "tok-local", "deucalion", "tok-d");

  private Callers() {}

  static void writeFiles(Path home) throws IOException {
    Path auth = Files.createDirectories(home.resolve("auth"));
    StringBuilder htpasswd = new StringBuilder();
    for (String user : List.of("viewer1", "submitter1", "operator1", "nobody")) {
      htpasswd.append(user).append(':').append(BcryptHashing.hashNew(PASSWORD)).append('\n');
    }
    StringBuilder tokens = new StringBuilder();
    TOKENS.forEach((w, t) -> tokens.append(w).append('=').append(t).append('\n'));
    Files.writeString(auth.resolve("htpasswd"), htpasswd);
    Files.writeString(
        auth.resolve("roles"), "viewer1=viewer\nsubmitter1=submitter\noperator1=operator\n");
    Files.writeString(auth.resolve("agent-tokens"), tokens);
  }

  static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  /** The user who holds exactly {@code role}. */
  static String user(Role role) {
    return basic(role.wire() + "1", PASSWORD);
  }

  /**
   * The Authorization header of the least caller who may call an operation needing {@code role}.
   */
  static String forRole(Role role) {
    return switch (role) {
      case PUBLIC -> null;
      case AGENT -> bearer(TOKENS.get(WORKER));
      default -> user(role);
    };
  }
}
