package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.JobFilter;
import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;

/**
 * {@code GET /jobs} as one JSON array streamed in pages: each page is copied on the dispatch loop
 * (a few hundred entries, never the whole registry), its {@code job_info.json} files are read and
 * its JSON encoded on the I/O pool, and it is written with back-pressure. A large registry
 * therefore never stalls dispatch or an HTTP event loop. Pages follow the registry order; each page
 * after the first starts after the last job sent (not at an offset), so a job that exists while the
 * whole listing runs is in it exactly once, whatever is deleted or submitted meanwhile.
 */
final class JobListStream {
  static final int PAGE = 500;

  private final DispatchClient dispatch;
  private final BlockingIo io;
  private final SharedLayout layout;
  private final JobViews views;
  private final LongSupplier now;

  JobListStream(
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

  /**
   * Streams the jobs matching {@code filter} ({@code status}, {@code host}, {@code limit}, {@code
   * offset}).
   */
  void send(RoutingContext rc, JobFilter filter) {
    int offset = filter.offset();
    int limit = filter.limit();
    HttpServerResponse response = rc.response();
    page(response, filter.page(offset, Math.min(PAGE, limit)), limit, true)
        .onFailure(
            err -> {
              if (!response.headWritten()) {
                Responses.fail(rc, err);
              } else {
                response.reset();
              }
            });
  }

  /** Sends the page {@code pageFilter} asks for, then the next ones up to {@code remaining}. */
  private Future<Void> page(
      HttpServerResponse response, JobFilter pageFilter, int remaining, boolean first) {
    if (response.closed()) {
      return Future.succeededFuture();
    }
    int size = pageFilter.limit();
    return dispatch
        .jobs(pageFilter)
        .compose(
            page ->
                io.run(() -> encode(page, first))
                    .compose(
                        chunk -> {
                          int got = page.getJsonArray("jobs").size();
                          boolean last = got < size || remaining - got <= 0;
                          if (first) {
                            response
                                .setChunked(true)
                                .putHeader("content-type", "application/json")
                                .putHeader(
                                    "X-Total-Count", String.valueOf(page.getInteger("total")));
                          }
                          if (last) {
                            return response.end(chunk.appendString("]"));
                          }
                          JobFilter next =
                              pageFilter.after(
                                  page.getLong(JobFilter.LAST_SEQ),
                                  Math.min(PAGE, remaining - got));
                          return response
                              .write(chunk)
                              .compose(v -> page(response, next, remaining - got, false));
                        }));
  }

  /** The page's items as JSON text, comma-separated, opening the array on the first page. */
  private Buffer encode(JsonObject page, boolean first) {
    Buffer out = Buffer.buffer(first ? "[" : "");
    long t = now.getAsLong();
    boolean comma = !first;
    for (Object o : page.getJsonArray("jobs")) {
      JsonObject meta = (JsonObject) o;
      JsonObject info =
          JsonFiles.readObjectOrNull(layout.jobInfoFile(meta.getString(JobFields.JOB_ID)));
      if (comma) {
        out.appendString(",");
      }
      out.appendBuffer(views.listItem(meta, info, t).toBuffer());
      comma = true;
    }
    return out;
  }
}
