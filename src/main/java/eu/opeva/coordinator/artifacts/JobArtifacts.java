package eu.opeva.coordinator.artifacts;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.http.ZipSource;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.Confinement;
import eu.opeva.coordinator.storage.SafeNames;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a job wrote into its folder: progress, result, resolved config, simulation data and bundles
 * of parts of the folder. Job ids are checked (a 400 for an unsafe one) before any file is touched;
 * file work runs on the I/O pool.
 */
final class JobArtifacts {
  private final SharedLayout layout;
  private final BlockingIo io;
  private final SimulationData simulationData;

  JobArtifacts(SharedLayout layout, BlockingIo io) {
    this.layout = layout;
    this.io = io;
    this.simulationData = new SimulationData(layout);
  }

  /** A bundle ready to be written: its download name, and the files it packs. */
  record Bundle(String fileName, List<ZipSource.Entry> entries) {
    /** The zip of the entries, produced in steps. */
    ZipSource zip() {
      return new ZipSource(entries, BundleZip.STYLE);
    }
  }

  /** {@code progress/progress.json}, or the "no updates yet" placeholder. */
  Future<Object> progress(String id) {
    Path jobDir = layout.jobDir(id);
    return io.run(
        () ->
            JobJson.read(
                    jobDir, jobDir.resolve("progress").resolve("progress.json"), "progress.json")
                .orElse(new JsonObject().put("progress", "No updates yet.")));
  }

  /**
   * The {@link ResultView} of the job, once its {@code status} document (null: the job is unknown)
   * is known: asked first, so a result written meanwhile is found by the read that follows.
   */
  Future<JsonObject> result(String id, Future<JsonObject> status) {
    return status.compose(doc -> io.run(() -> ResultView.of(id, layout.jobDir(id), doc)));
  }

  /** The real path of the job's {@code config.resolved.yaml}; a 404 when there is none. */
  Future<Path> resolvedConfig(String id) {
    return checked(id)
        .compose(
            v ->
                io.run(
                    () ->
                        Confinement.regularFileUnder(
                                layout.jobDir(id), layout.resolvedConfigFile(id))
                            .orElseThrow(() -> ApiFailure.notFound("Resolved config not found"))));
  }

  /** The CSV files of a simulation-data session and the days they cover. */
  Future<JsonObject> simulationIndex(String id, String session) {
    return checked(id).compose(v -> io.run(() -> simulationData.index(id, session)));
  }

  /** The real path of a simulation-data file of the session, else of the job folder. */
  Future<Path> simulationFile(String id, String relativePath, String session) {
    return checked(id).compose(v -> io.run(() -> simulationData.file(id, relativePath, session)));
  }

  /**
   * The bundle of the requested parts ({@link BundleParts}; a 400 for an unknown one) of the job's
   * folder; a 404 when the job has no folder.
   */
  Future<Bundle> bundle(String id, String requestedParts) {
    Set<String> parts;
    try {
      parts = BundleParts.parse(requestedParts);
    } catch (ApiFailure f) {
      return Future.failedFuture(f);
    }
    Path jobDir = layout.jobDir(id);
    BundleZip zip = new BundleZip(jobDir, id);
    return io.run(
        () -> {
          if (!Confinement.isFolderUnder(layout.jobs(), jobDir)) {
            throw ApiFailure.notFound("Job not found");
          }
          return new Bundle(BundleParts.fileName(id, parts), zip.list(parts));
        });
  }

  private static Future<Void> checked(String id) {
    return SafeNames.isJobId(id)
        ? Future.succeededFuture()
        : Future.failedFuture(ApiFailure.badRequest("Invalid job_id"));
  }
}
