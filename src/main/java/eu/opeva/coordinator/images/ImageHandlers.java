package eu.opeva.coordinator.images;

import static eu.opeva.coordinator.http.ApiOperation.LIST_JOB_IMAGE_VERSIONS;

import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;

/** {@code GET /job-images/versions}: the image tags a submission may name. */
public final class ImageHandlers implements ApiRoutes {
  private final ImageCatalogClient catalog;

  public ImageHandlers(ImageCatalogClient catalog) {
    this.catalog = catalog;
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(
        LIST_JOB_IMAGE_VERSIONS,
        rc -> {
          Object limit = Responses.query(rc, "limit");
          Responses.json(
              rc,
              catalog.versions(
                  (String) Responses.query(rc, "repository"),
                  limit instanceof Number n ? n.intValue() : null));
        });
  }
}
