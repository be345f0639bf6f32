package eu.opeva.coordinator.cli;

/** A failure the user is told about in one sentence (no stack trace unless --debug). */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  static CliException failed(String message) {
    return new CliException(ExitCodes.FAILED, message);
  }
}
