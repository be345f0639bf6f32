package eu.opeva.coordinator.bus;

/**
 * A failure with an HTTP status and a client-facing detail. Crosses the event bus as a {@code
 * ReplyException} whose failure code is the status, and becomes {@code {"detail": ...}}.
 */
public final class ApiFailure extends RuntimeException {
  private final int status;

  public ApiFailure(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String detail() {
    return getMessage();
  }

  public static ApiFailure badRequest(String detail) {
    return new ApiFailure(400, detail);
  }

  public static ApiFailure notFound(String detail) {
    return new ApiFailure(404, detail);
  }

  public static ApiFailure conflict(String detail) {
    return new ApiFailure(409, detail);
  }
}
