package eu.opeva.coordinator.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Where the coordinator is and who signs in: each of URL, user and password from the flags, else
 * the environment ({@code OPEVA_URL}, {@code OPEVA_USER}, {@code OPEVA_PASSWORD} or {@code
 * OPEVA_PASSWORD_FILE}), else the profile of the config file; {@code urlFrom} and {@code userFrom}
 * say which, for messages.
 */
record Connection(URI url, String urlFrom, String user, String password, String userFrom) {
  static final String DEFAULT_URL = "http://localhost:8000";

  /** The flags given on the command line (null when not given). */
  record Flags(String url, String user, String password, Path passwordFile, String profile) {}

  static Connection resolve(CliContext ctx, Flags flags) {
    Profiles.Profile profile =
        Profiles.select(ctx, flags.profile() != null ? flags.profile() : ctx.var("OPEVA_PROFILE"));
    String url = DEFAULT_URL;
    String urlFrom = "the default URL";
    if (flags.url() != null) {
      url = flags.url();
      urlFrom = "--url";
    } else if (ctx.var("OPEVA_URL") != null) {
      url = ctx.var("OPEVA_URL");
      urlFrom = "OPEVA_URL";
    } else if (profile.get("url") != null) {
      url = profile.get("url");
      urlFrom = profile.describe();
    }
    String user = null;
    String userFrom = null;
    if (flags.user() != null) {
      user = flags.user();
      userFrom = "--user";
    } else if (ctx.var("OPEVA_USER") != null) {
      user = ctx.var("OPEVA_USER");
      userFrom = "OPEVA_USER";
    } else if (profile.get("user") != null) {
      user = profile.get("user");
      userFrom = profile.describe();
    }
    String password = password(ctx, flags, profile);
    if (password != null && user == null) {
      throw CliException.usage("a password is given but no user: add --user or OPEVA_USER");
    }
    return new Connection(parse(url, urlFrom), urlFrom, user, password, userFrom);
  }

  private static String password(CliContext ctx, Flags flags, Profiles.Profile profile) {
    if (flags.password() != null) {
      return flags.password();
    }
    if (flags.passwordFile() != null) {
      return read(flags.passwordFile(), "--password-file");
    }
    if (ctx.var("OPEVA_PASSWORD") != null) {
      return ctx.var("OPEVA_PASSWORD");
    }
    if (ctx.var("OPEVA_PASSWORD_FILE") != null) {
      return read(Profiles.expand(ctx, ctx.var("OPEVA_PASSWORD_FILE")), "OPEVA_PASSWORD_FILE");
    }
    if (profile.get("password") != null) {
      return profile.get("password");
    }
    if (profile.get("password_file") != null) {
      return read(Profiles.expand(ctx, profile.get("password_file")), profile.describe());
    }
    return null;
  }

  private static String read(Path file, String from) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw CliException.usage("the password file " + file + " (" + from + ") does not exist");
    } catch (IOException e) {
      throw CliException.usage(
          "the password file " + file + " (" + from + ") cannot be read: " + e.getMessage());
    }
  }

  private static URI parse(String url, String from) {
    URI uri;
    try {
      uri = URI.create(url.strip().replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("'" + url + "' (" + from + ") is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw CliException.usage(
          "'" + url + "' (" + from + ") is not an http:// or https:// URL of the coordinator");
    }
    return uri;
  }

  /** The Authorization header, or null without credentials. */
  String authorization() {
    if (user == null) {
      return null;
    }
    String pair = user + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
