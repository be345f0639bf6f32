package eu.opeva.coordinator.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.ext.auth.hashing.HashString;
import io.vertx.ext.auth.hashing.HashingAlgorithm;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt ({@code $2y$}, as {@code htpasswd -B} writes it, and {@code $2a$}, {@code $2b$}) as a
 * hashing algorithm of vertx-auth, which has none (registered in {@code META-INF/services}). vertx
 * compares what {@link #hash} returns with the stored hash; bcrypt cannot recompute that part
 * alone, so a verified password gives the stored hash back and a wrong one gives something else.
 * Expensive by design: call only off the event loop.
 */
public abstract class BcryptHashing implements HashingAlgorithm {
  private final String id;

  BcryptHashing(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String hash(HashString stored, String password) {
    String full = "$" + id + "$" + stored.salt() + "$" + stored.hash();
    boolean ok =
        BCrypt.verifyer()
            .verify(
                password.getBytes(StandardCharsets.UTF_8), full.getBytes(StandardCharsets.UTF_8))
            .verified;
    return ok ? stored.hash() : "!" + stored.hash();
  }

  /** A new {@code $2y$} hash of {@code password} (cost 10), as {@code htpasswd -B} would write. */
  public static String hashNew(String password) {
    return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, password.toCharArray());
  }

  /** {@code $2y$}. */
  public static final class V2y extends BcryptHashing {
    public V2y() {
      super("2y");
    }
  }

  /** {@code $2a$}. */
  public static final class V2a extends BcryptHashing {
    public V2a() {
      super("2a");
    }
  }

  /** {@code $2b$}. */
  public static final class V2b extends BcryptHashing {
    public V2b() {
      super("2b");
    }
  }
}
