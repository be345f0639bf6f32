package eu.opeva.coordinator.images;

/** Event-bus addresses of the image catalogue verticle (request/reply, JSON bodies). */
public final class ImageAddresses {
  /**
   * {@code {repository?, limit?}} to the answer of {@code GET /job-images/versions}; failures carry
   * 400 (a malformed repository), 404 (unknown to the registry) or 502 (the registry failed).
   */
  public static final String VERSIONS = "opeva.images.versions";

  private ImageAddresses() {}
}
