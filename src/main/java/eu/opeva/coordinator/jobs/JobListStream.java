package eu.opeva.coordinator.jobs;

import eu.opeva.coordinator.dispatch.DispatchClient;
import eu.opeva.coordinator.dispatch.JobFilter;
import eu.opeva.coordinator.dispatch.JobPage;
import eu.opeva.coordinator.http.Responses;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;

/**
 * {@code GET /jobs} as one JSON array streamed in pages, served from memory: each page is taken on
 * the dispatch loop (references to a few hundred immutable jobs, never the whole registry, nothing
 * copied or encoded there), its JSON is built on the I/O pool, without reading any file (dispatch
 * keeps what each job's {@code job_info.json} holds), and it is written with back-pressure; the
 * next page is asked for while this one is written. A large registry therefore never stalls
 * dispatch or an HTTP event loop. Pages follow the registry order; each page after the first starts
 * after the last job sent (not at an offset), so a job that exists while the whole listing runs is
 * in it exactly once, whatever is deleted or submitted meanwhile.
 */
final class JobListStream {
  static final int PAGE = 500;

  private final DispatchClient dispatch;
  private final BlockingIo io;
  private final JobViews views;
  private final LongSupplier now;

  JobListStream(DispatchClient dispatch, BlockingIo io, JobViews views, LongSupplier now) {
    this.dispatch = dispatch;
    this.io = io;
    this.views = views;
    this.now = now;
  }

  /**
   * Streams the jobs matching {@code filter} ({@code status}, {@code host}, {@code limit}, {@code
   * offset}).
   */
  void send(RoutingContext rc, JobFilter filter) {
    int limit = filter.limit();
    HttpServerResponse response = rc.response();
    JobFilter first = filter.page(filter.offset(), Math.min(PAGE, limit));
    page(response, first, encoded(first, true), limit, true)
        .onFailure(
            err -> {
              if (!response.headWritten()) {
                Responses.fail(rc, err);
              } else {
                response.reset();
              }
            });
  }

  /** A page and its JSON text, encoded on the I/O pool. */
  private record Encoded(JobPage page, Buffer chunk) {}

  private Future<Encoded> encoded(JobFilter pageFilter, boolean first) {
    return dispatch
        .jobs(pageFilter)
        .compose(page -> io.run(() -> new Encoded(page, encode(page, first))));
  }

  /**
   * Sends the page {@code pageFilter} asks for ({@code coming}), then the next ones up to {@code
   * remaining}; the next page is fetched and encoded while this one is written.
   */
  private Future<Void> page(
      HttpServerResponse response,
      JobFilter pageFilter,
      Future<Encoded> coming,
      int remaining,
      boolean first) {
    int size = pageFilter.limit();
    return coming.compose(
        e -> {
          if (response.closed()) {
            return Future.succeededFuture();
          }
          int got = e.page().jobs().size();
          boolean last = got < size || remaining - got <= 0;
          if (first) {
            response
                .setChunked(true)
                .putHeader("content-type", "application/json")
                .putHeader("X-Total-Count", String.valueOf(e.page().total()));
          }
          if (last) {
            return response.end(e.chunk().appendString("]"));
          }
          JobFilter next = pageFilter.after(e.page().lastSeq(), Math.min(PAGE, remaining - got));
          Future<Encoded> following = encoded(next, false);
          return response
              .write(e.chunk())
              .compose(v -> page(response, next, following, remaining - got, false));
        });
  }

  /** The page's items as JSON text, comma-separated, opening the array on the first page. */
  private Buffer encode(JobPage page, boolean first) {
    Buffer out = Buffer.buffer(first ? "[" : "");
    long t = now.getAsLong();
    boolean comma = !first;
    for (JobPage.Listed listed : page.jobs()) {
      if (comma) {
        out.appendString(",");
      }
      out.appendBuffer(views.listItem(listed, t).toBuffer());
      comma = true;
    }
    return out;
  }
}
