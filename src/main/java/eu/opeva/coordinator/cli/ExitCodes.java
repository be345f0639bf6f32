package eu.opeva.coordinator.cli;

/** The client's exit codes, which scripts rely on: they never change meaning. */
public final class ExitCodes {
  /** Done; for a job waited on, it finished. */
  public static final int OK = 0;

  /** The job or the action failed (a job that failed, was stopped or canceled; a 409). */
  public static final int FAILED = 1;

  /** Wrong usage: unknown options, bad values, a local file that cannot be read, a 400/422. */
  public static final int USAGE = 2;

  /** What was named does not exist (404). */
  public static final int NOT_FOUND = 3;

  /** No, wrong or insufficient credentials (401, 403, 429 after failed sign-ins). */
  public static final int AUTH = 4;

  /** The coordinator cannot be reached, did not answer in time, or failed (5xx). */
  public static final int UNAVAILABLE = 5;

  private ExitCodes() {}

  /** The exit code of an HTTP answer that is not a success. */
  static int forStatus(int status) {
    return switch (status) {
      case 400, 413, 414, 416, 422 -> USAGE;
      case 401, 403, 429 -> AUTH;
      case 404, 410 -> NOT_FOUND;
      default -> status >= 500 ? UNAVAILABLE : FAILED;
    };
  }
}
