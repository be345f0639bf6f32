package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.LongSupplier;

/**
 * {@code GET /job-info}: the job's {@code job_info.json} (read on the I/O pool) with its registry
 * entry when dispatch still knows the job; a 404 when the job has no info file.
 */
final class JobDetails {
  private final DispatchClient dispatch;
  private final BlockingIo io;
  private final SharedLayout layout;
  private final JobViews views;
  private final LongSupplier now;

  JobDetails(
      DispatchClient dispatch,
      BlockingIo io,
      SharedLayout layout,
      JobViews views,
      LongSupplier now) {
    this.dispatch = dispatch;
    this.io = io;
    this.layout = layout;
    this.views = views;
    this.now = now;
  }

  Future<JsonObject> info(String id) {
    Future<JsonObject> meta = dispatch.job(id).recover(err -> Future.succeededFuture(null));
    Future<JsonObject> info = io.run(() -> JsonFiles.readObjectOrNull(layout.jobInfoFile(id)));
    return Future.all(meta, info)
        .map(
            all -> {
              if (info.result() == null) {
                throw ApiFailure.notFound("Job info not found");
              }
              return views.jobInfo(info.result(), meta.result(), now.getAsLong());
            });
  }
}
