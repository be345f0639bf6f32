package eu.opeva.coordinator.dataset;

/** Event-bus addresses of the dataset verticle (request/reply, JSON bodies). */
public final class DatasetAddresses {
  /**
   * Generate a dataset: {@code {request: <POST /dataset body>, async}}. With {@code async}, the
   * reply comes at once ({@code {message, name, status_url}}); otherwise when the generation ends,
   * with its status document ({@code state} succeeded or failed, {@code result} or {@code error}).
   */
  public static final String CREATE = "opeva.dataset.create";

  /**
   * {@code {name}} to the status document of the latest generation (404 when none and no dataset).
   */
  public static final String STATUS = "opeva.dataset.status";

  /** {@code {name}} to {@code {message}}; 409 while the dataset is being generated or uploaded. */
  public static final String DELETE = "opeva.dataset.delete";

  /** {@code {name, zip, file_name}}: installs an uploaded zip (a file path) as a dataset. */
  public static final String UPLOAD = "opeva.dataset.upload";

  /** Published when a generation ends: {@code {name, state}}. */
  public static final String FINISHED = "opeva.dataset.finished";

  private DatasetAddresses() {}
}
