package eu.opeva.coordinator.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens scoped to one job, so that a running job can submit follow-up jobs and read its own
 * status: {@code opeva-job.<job id>.<signature>}, the signature an HMAC-SHA256 of the job id with a
 * secret of this coordinator ({@code COORDINATOR_HOME/auth/job-token-secret}, created on the first
 * start, owner-only, never in the shared directory). Dispatch puts the token in each attempt's
 * environment; the gate admits it only for the operations the contract opens to jobs, and dispatch
 * only while the job is held by a worker, so a token dies with its job.
 */
public final class JobTokens {
  public static final String PREFIX = "opeva-job.";
  static final String SECRET_FILE = "job-token-secret";
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;

  JobTokens(byte[] secret) {
    this.secret = secret.clone();
  }

  /** The tokens of the coordinator whose home is {@code home}; creates its secret if missing. */
  public static JobTokens load(Path home) throws IOException {
    Path file = home.resolve("auth").resolve(SECRET_FILE);
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      AuthFiles.ownerOnlyFolder(file.getParent());
      AuthFiles.write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
    }
    byte[] secret = Base64.getDecoder().decode(Files.readString(file).strip());
    if (secret.length < 16) {
      throw new IOException(file + " holds no usable secret (at least 16 bytes, base64)");
    }
    return new JobTokens(secret);
  }

  /** The token of a job. */
  public String mint(String jobId) {
    return PREFIX + jobId + "." + signature(jobId);
  }

  /** The job a token is scoped to, if it is one of this coordinator's. */
  public Optional<String> jobOf(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= PREFIX.length()) {
      return Optional.empty();
    }
    String jobId = token.substring(PREFIX.length(), dot);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = signature(jobId).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(given, expected) ? Optional.of(jobId) : Optional.empty();
  }

  private String signature(String jobId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(jobId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
