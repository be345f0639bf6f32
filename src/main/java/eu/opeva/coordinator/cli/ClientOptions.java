package eu.opeva.coordinator.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every client command takes: where the coordinator is, who signs in, and how to answer
 * ({@code --json}, {@code --no-progress}, {@code --debug}).
 */
public final class ClientOptions {
  private final Session session;
  private Api api;
  private Output output;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Coordinator URL (else OPEVA_URL, the profile's url, http://localhost:8000)")
  String url;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER",
      description = "User name (else OPEVA_USER, the profile's user)")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File holding the password (else OPEVA_PASSWORD, OPEVA_PASSWORD_FILE, profile)")
  Path passwordFile;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description = "The password itself (visible to other users of this machine: prefer a file)")
  String password;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Profile of ~/.config/opeva/config.yaml (else OPEVA_PROFILE, its default_profile)")
  String profile;

  @Option(names = "--json", description = "Print the answer as JSON (for scripts)")
  boolean json;

  @Option(names = "--no-progress", description = "No progress bar (there is none off a terminal)")
  boolean noProgress;

  ClientOptions(Session session) {
    this.session = session;
  }

  @Option(names = "--debug", description = "Show stack traces and requests (also OPEVA_DEBUG)")
  void debug(boolean on) {
    session.debug |= on;
  }

  Output out() {
    if (output == null) {
      output = new Output(session.ctx, json);
    }
    return output;
  }

  Api api() {
    if (api == null) {
      api =
          new Api(
              Connection.resolve(
                  session.ctx, new Connection.Flags(url, user, password, passwordFile, profile)),
              out());
    }
    return api;
  }

  /** A progress bar for {@code task}, or one that shows nothing (off a terminal, --no-progress). */
  Progress progress(String task, long max, String unit, long unitSize) {
    return session.ctx.terminal() && !noProgress
        ? Progress.bar(session.ctx.err(), session.ctx.colours(), task, max, unit, unitSize)
        : Progress.NONE;
  }

  CliContext ctx() {
    return session.ctx;
  }
}
