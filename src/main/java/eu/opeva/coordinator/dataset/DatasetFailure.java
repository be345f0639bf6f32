package eu.opeva.coordinator.dataset;

/**
 * A failed dataset request whose {@code detail} may be an object, as for a dataset that fails
 * static validation ({@code {"message", "errors"}}).
 */
public final class DatasetFailure extends RuntimeException {
  private final int status;
  private final transient Object detail;

  public DatasetFailure(int status, Object detail) {
    super(String.valueOf(detail), null, false, false);
    this.status = status;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  public Object detail() {
    return detail;
  }
}
