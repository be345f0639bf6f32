package eu.opeva.coordinator.artifacts;

import static eu.opeva.coordinator.http.ApiOperation.GET_JOB_BUNDLE;

import eu.opeva.coordinator.artifacts.JobArtifacts.Bundle;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.http.ZipResponse;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /jobs/{id}/bundle?parts=...}: one zip of the chosen parts of a job folder, built while
 * it is sent ({@link ZipResponse}). The zip is made in steps on the "bundle-zip" pool; a download
 * whose client does not read holds no thread, so slow clients never keep others waiting.
 */
public final class BundleHandlers implements ApiRoutes {
  public static final String POOL = "bundle-zip";

  private final JobArtifacts artifacts;
  private final BlockingIo zipPool;

  public BundleHandlers(Settings config, Vertx vertx, BlockingIo io) {
    this.artifacts = new JobArtifacts(new SharedLayout(config.storage().sharedRoot()), io);
    this.zipPool = new BlockingIo(vertx, POOL, config.artifacts().bundleThreads());
  }

  @Override
  public void mount(ApiBinder api) {
    api.bind(GET_JOB_BUNDLE, this::bundle);
  }

  private void bundle(RoutingContext rc) {
    String id = Responses.jobId(rc);
    if (id == null) {
      return;
    }
    artifacts
        .bundle(id, (String) Responses.query(rc, "parts"))
        .onSuccess(bundle -> send(rc, id, bundle))
        .onFailure(err -> Responses.fail(rc, err));
  }

  private void send(RoutingContext rc, String id, Bundle bundle) {
    rc.response()
        .putHeader("content-type", "application/zip")
        .putHeader("content-disposition", "attachment; filename=\"" + bundle.fileName() + "\"");
    ZipResponse.send(zipPool, rc.response(), bundle.zip(), "bundle of " + id);
  }
}
