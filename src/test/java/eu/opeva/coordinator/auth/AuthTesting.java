package eu.opeva.coordinator.auth;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Users, roles and tokens for authentication tests, as files the coordinator reads. */
public final class AuthTesting {
  public static final String PASSWORD = "correct horse";
  static final Map<String, String> TOKENS =
      Map.of("worker-a", "tok-a", "worker-b", "tok-b", "local", "tok-local", "deucalion", "tok-d");

  private AuthTesting() {}

  /** Files to seed under the shared root of a test, and the environment pointing at them. */
  public static Map<String, String> files() {
    StringBuilder htpasswd = new StringBuilder();
    for (String user : new String[] {"viewer1", "submitter1", "operator1", "nobody"}) {
      htpasswd.append(user).append(':').append(BcryptHashing.hashNew(PASSWORD)).append('\n');
    }
    StringBuilder tokens = new StringBuilder();
    TOKENS.forEach((w, t) -> tokens.append(w).append('=').append(t).append('\n'));
    return Map.of(
        "auth-test/htpasswd", htpasswd.toString(),
        "auth-test/roles", "viewer1=viewer\nsubmitter1=submitter\noperator1=operator\n",
        "auth-test/agent-tokens", tokens.toString());
  }

  public static Map<String, String> env(java.nio.file.Path root, int failedPerMinute) {
    return Map.of(
        "AUTH_ENABLED", "true",
        "AUTH_HTPASSWD_FILE", root.resolve("auth-test/htpasswd").toString(),
        "AUTH_ROLES_FILE", root.resolve("auth-test/roles").toString(),
        "AGENT_TOKENS_FILE", root.resolve("auth-test/agent-tokens").toString(),
        "AUTH_FAILED_LOGINS_PER_MINUTE", String.valueOf(failedPerMinute));
  }

  static MultiMap basic(String user, String password) {
    String b64 =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic " + b64);
  }

  static MultiMap bearer(String token) {
    return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token);
  }

  static MultiMap none() {
    return MultiMap.caseInsensitiveMultiMap();
  }
}
