package eu.opeva.coordinator.dataset;

/** Event-bus addresses of the dataset verticle (request/reply, JSON bodies). */
final class DatasetAddresses {
  /**
   * Generate a dataset: {@code {request: <POST /dataset body>, async}}. With {@code async}, the
   * reply comes at once ({@code {message, name, status_url}}); otherwise when the generation ends,
   * with its status document ({@code state} succeeded or failed, {@code result} or {@code error}).
   */
  static final String CREATE = "opeva.dataset.create";

  /**
   * {@code {name}} to the status document of the latest generation (404 when none and no dataset).
   */
  static final String STATUS = "opeva.dataset.status";

  /** {@code {name}} to {@code {message}}; 409 while the dataset is being generated or uploaded. */
  static final String DELETE = "opeva.dataset.delete";

  /** {@code {name, zip, file_name}}: installs an uploaded zip (a file path) as a dataset. */
  static final String UPLOAD = "opeva.dataset.upload";

  /** Published when a generation ends: {@code {name, state}}. */
  static final String FINISHED = "opeva.dataset.finished";

  private DatasetAddresses() {}
}
