package eu.opeva.coordinator.auth;

import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.settings.SettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the credentials are, and their first-start creation. Files not configured live in {@code
 * <COORDINATOR_HOME>/auth/}: {@code htpasswd} (a user {@code admin} with a random password, as
 * {@code htpasswd -B} would write it), {@code admin-password} (that initial password, for scripts),
 * {@code roles} ({@code admin=operator}) and {@code agent-tokens} (one random token per configured
 * host; hosts added later get theirs at the next start). Everything is created owner-only. A
 * configured file must exist. Blocking: call once at start, off the event loop.
 */
public final class AuthFiles {
  public static final String ADMIN = "admin";
  private static final Logger LOG = LoggerFactory.getLogger(AuthFiles.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The files in use. */
  public record Paths(Path htpasswd, Path roles, Path agentTokens, Path adminPassword) {}

  private AuthFiles() {}

  public static Paths paths(Settings.Auth auth) {
    Path dir = auth.home().resolve("auth");
    return new Paths(
        auth.htpasswdFile().orElse(dir.resolve("htpasswd")),
        auth.rolesFile().orElse(dir.resolve("roles")),
        auth.agentTokensFile().orElse(dir.resolve("agent-tokens")),
        dir.resolve("admin-password"));
  }

  /** Creates what is missing (only where nothing was configured), then gives the paths. */
  public static Paths prepare(Settings.Auth auth, List<String> hosts) throws IOException {
    Paths p = paths(auth);
    requireConfigured(auth.htpasswdFile(), "AUTH_HTPASSWD_FILE");
    requireConfigured(auth.rolesFile(), "AUTH_ROLES_FILE");
    requireConfigured(auth.agentTokensFile(), "AGENT_TOKENS_FILE");
    if (!Files.exists(p.htpasswd())) {
      String password = token(18);
      ownerOnlyFolder(p.htpasswd().getParent());
      write(p.adminPassword(), password + "\n");
      write(p.htpasswd(), ADMIN + ":" + BcryptHashing.hashNew(password) + "\n");
      if (!Files.exists(p.roles())) {
        write(
            p.roles(),
            "# user=role,role  (roles: viewer, submitter, operator)\n"
                + ADMIN
                + "="
                + Role.OPERATOR.wire()
                + "\n");
      }
      LOG.info(
          "created the user '{}' (operator) with the password {}; it is also in {}",
          ADMIN,
          password,
          p.adminPassword());
    }
    if (!Files.exists(p.roles())) {
      ownerOnlyFolder(p.roles().getParent());
      write(p.roles(), "# user=role,role  (roles: viewer, submitter, operator)\n");
    }
    Map<String, String> tokens =
        Files.exists(p.agentTokens()) ? TokenFile.read(p.agentTokens()) : new LinkedHashMap<>();
    StringBuilder added = new StringBuilder();
    for (String host : hosts) {
      if (!tokens.containsKey(host)) {
        added.append(host).append('=').append(token(32)).append('\n');
      }
    }
    if (added.length() > 0) {
      if (auth.agentTokensFile().isPresent()) {
        LOG.warn(
            "{} has no token for some configured hosts; their agents cannot sign in",
            p.agentTokens());
      } else {
        ownerOnlyFolder(p.agentTokens().getParent());
        boolean fresh = !Files.exists(p.agentTokens());
        String header = fresh ? "# worker_id=token (or worker_id=sha256:<hex of the token>)\n" : "";
        append(p.agentTokens(), header + added);
        LOG.info(
            "created agent tokens for {} in {}",
            added.toString().lines().map(l -> l.substring(0, l.indexOf('='))).toList(),
            p.agentTokens());
      }
    }
    return p;
  }

  /** A random secret: {@code bytes} random bytes, URL-safe base64 without padding. */
  static String token(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void requireConfigured(java.util.Optional<Path> file, String setting) {
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      throw new SettingsException(setting + ": " + file.get() + " does not exist");
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  static void ownerOnlyFolder(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (posix()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    create(file);
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void append(Path file, String text) throws IOException {
    if (!Files.exists(file)) {
      create(file);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static void create(Path file) throws IOException {
    if (posix()) {
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
    } else {
      Files.createFile(file);
    }
  }
}
