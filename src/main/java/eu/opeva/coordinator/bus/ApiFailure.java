package eu.opeva.coordinator.bus;

/**
 * The one failure type of the coordinator: an HTTP status and a client-facing detail (a sentence,
 * or a JSON-able object such as a dataset's validation report). Crosses the event bus as a {@code
 * ReplyException} whose failure code is the status, and becomes {@code {"detail": ...}} at the HTTP
 * edge. The reference agent uses it too, for answers of the coordinator that are not a success.
 */
public final class ApiFailure extends RuntimeException {
  private final int status;
  private final transient Object detail;

  public ApiFailure(int status, Object detail) {
    super(String.valueOf(detail), null, false, false);
    this.status = status;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  /** The detail as given: usually a sentence, sometimes an object. */
  public Object detail() {
    return detail;
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

  public static ApiFailure unavailable(String detail) {
    return new ApiFailure(503, detail);
  }
}
