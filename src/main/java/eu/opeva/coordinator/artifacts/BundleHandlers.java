package eu.opeva.coordinator.artifacts;

import static eu.opeva.coordinator.http.ApiOperation.GET_JOB_BUNDLE;

import eu.opeva.coordinator.artifacts.JobArtifacts.Bundle;
import eu.opeva.coordinator.http.ApiBinder;
import eu.opeva.coordinator.http.ApiRoutes;
import eu.opeva.coordinator.http.ResponseOutputStream;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.settings.Settings;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /jobs/{id}/bundle?parts=...}: one zip of the chosen parts of a job folder, built while
 * it is sent. Each download holds a thread of the "bundle-zip" pool for as long as the client
 * reads; a client that leaves (or reads nothing for two minutes) frees it.
 */
public final class BundleHandlers implements ApiRoutes {
  public static final String POOL = "bundle-zip";
  static final long IDLE_TIMEOUT_MS = 120_000;
  private static final Logger LOG = LoggerFactory.getLogger(BundleHandlers.class);

  private final JobArtifacts artifacts;
  private final WorkerExecutor zipPool;

  public BundleHandlers(Settings config, Vertx vertx, BlockingIo io) {
    this.artifacts = new JobArtifacts(new SharedLayout(config.storage().sharedRoot()), io);
    // A zip of a large job can take as long as the client needs: no blocked-thread limit that
    // short.
    this.zipPool =
        vertx.createSharedWorkerExecutor(
            POOL, config.artifacts().bundleThreads(), 1, TimeUnit.DAYS);
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
        .setChunked(true)
        .putHeader("content-type", "application/zip")
        .putHeader("content-disposition", "attachment; filename=\"" + bundle.fileName() + "\"");
    Context context = Vertx.currentContext();
    ResponseOutputStream out = new ResponseOutputStream(context, rc.response(), IDLE_TIMEOUT_MS);
    zipPool.executeBlocking(
        () -> {
          try {
            bundle.zip().write(bundle.items(), out, out::isBroken);
          } catch (Exception e) {
            LOG.info("bundle of {} not completed: {}", id, e.toString());
            out.abort();
          }
          return null;
        },
        false);
  }
}
