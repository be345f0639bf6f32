package eu.opeva.coordinator.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client's config file, {@code $XDG_CONFIG_HOME/opeva/config.yaml} (else {@code
 * ~/.config/opeva/config.yaml}), with named profiles:
 *
 * <pre>
 * default_profile: local
 * profiles:
 *   local: {url: http://localhost:8000, user: admin, password_file: ~/.opeva-coordinator/auth/admin-password}
 * </pre>
 */
final class Profiles {
  private Profiles() {}

  static Path file(CliContext ctx) {
    String xdg = ctx.var("XDG_CONFIG_HOME");
    Path base = xdg != null ? Path.of(xdg) : home(ctx).resolve(".config");
    return base.resolve("opeva").resolve("config.yaml");
  }

  static Path home(CliContext ctx) {
    String home = ctx.var("HOME");
    return Path.of(home != null ? home : System.getProperty("user.home"));
  }

  /** {@code ~/x} as a path under HOME; other paths as they are. */
  static Path expand(CliContext ctx, String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return home(ctx).resolve(path.equals("~") ? "" : path.substring(2));
    }
    return Path.of(path);
  }

  /**
   * The profile to use: {@code requested} (from --profile or OPEVA_PROFILE, which must exist), else
   * the file's {@code default_profile}, else {@code default}; empty when there is none.
   */
  static Profile select(CliContext ctx, String requested) {
    Path file = file(ctx);
    if (!Files.isRegularFile(file)) {
      if (requested != null) {
        throw CliException.usage("profile '" + requested + "': there is no " + file);
      }
      return new Profile(null, file, new JsonObject());
    }
    JsonObject doc = LocalFiles.mapping(file);
    Object profiles = doc.getValue("profiles");
    if (profiles != null && !(profiles instanceof JsonObject)) {
      throw CliException.usage(file + ": 'profiles' must map profile names to settings");
    }
    JsonObject all = profiles == null ? new JsonObject() : (JsonObject) profiles;
    String name = requested != null ? requested : doc.getString("default_profile", "default");
    Object chosen = all.getValue(name);
    if (chosen == null) {
      if (requested != null || doc.containsKey("default_profile")) {
        throw CliException.usage(
            "profile '" + name + "' is not in " + file + " (profiles: " + all.fieldNames() + ")");
      }
      return new Profile(null, file, new JsonObject());
    }
    if (!(chosen instanceof JsonObject settings)) {
      throw CliException.usage(file + ": profile '" + name + "' must be a mapping");
    }
    return new Profile(name, file, settings);
  }

  /** A profile's settings ({@code url}, {@code user}, {@code password}, {@code password_file}). */
  record Profile(String name, Path file, JsonObject settings) {
    String get(String key) {
      Object v = settings.getValue(key);
      return v == null ? null : String.valueOf(v);
    }

    String describe() {
      return "profile '" + name + "' in " + file;
    }
  }
}
