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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * {@code GET /jobs} as one JSON array streamed in pages, served from memory: each page is taken on
 * the dispatch loop (references to a few hundred immutable jobs, never the whole registry, nothing
 * copied or encoded there), its JSON is built on the I/O pool without reading any file (dispatch
 * keeps what each job's {@code job_info.json} holds), and pages are written in order with
 * back-pressure. Up to {@link #AHEAD} pages are fetched and encoded ahead of the one being written,
 * so encoding runs on several cores while the client reads. A large registry therefore never stalls
 * dispatch or an HTTP event loop. Pages follow the registry order; each page after the first starts
 * after the last job of the one before (not at an offset), so a job that exists while the whole
 * listing runs is in it exactly once, whatever is deleted or submitted meanwhile.
 */
final class JobListStream {
  static final int PAGE = 500;

  /** Pages fetched and encoded ahead of the one being written (each about 700 KB of JSON). */
  static final int AHEAD = 3;

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
    new Listing(rc, filter).pump();
  }

  /** An encoded page: its JSON text, and whether it is the listing's last (it closes the array). */
  private record Chunk(Buffer bytes, boolean last) {}

  /**
   * One response's pages: fetched in order, encoded ahead, written in order. Event-loop confined.
   */
  private final class Listing {
    private final RoutingContext rc;
    private final HttpServerResponse response;
    private final Deque<Future<Chunk>> chunks = new ArrayDeque<>();
    private JobFilter next;
    private int remaining;
    private Integer total;
    private boolean fetching;
    private boolean writing;
    private boolean done;

    Listing(RoutingContext rc, JobFilter filter) {
      this.rc = rc;
      this.response = rc.response();
      this.remaining = filter.limit();
      this.next = filter.page(filter.offset(), Math.min(PAGE, remaining));
    }

    void pump() {
      if (done) {
        return;
      }
      if (response.closed()) {
        done = true;
        return;
      }
      if (!fetching && next != null && chunks.size() < AHEAD) {
        fetch(next);
      }
      Future<Chunk> head = chunks.peek();
      if (writing || head == null || !head.isComplete()) {
        return;
      }
      chunks.poll();
      if (head.failed()) {
        fail(head.cause());
        return;
      }
      if (!response.headWritten()) {
        response
            .setChunked(true)
            .putHeader("content-type", "application/json")
            .putHeader("X-Total-Count", String.valueOf(total));
      }
      Chunk chunk = head.result();
      writing = true;
      (chunk.last() ? response.end(chunk.bytes()) : response.write(chunk.bytes()))
          .onComplete(
              ar -> {
                writing = false;
                if (chunk.last() || ar.failed()) {
                  done = true;
                } else {
                  pump();
                }
              });
    }

    private void fetch(JobFilter pageFilter) {
      fetching = true;
      boolean first = pageFilter.afterSeq() == null;
      dispatch
          .jobs(pageFilter)
          .onComplete(
              ar -> {
                fetching = false;
                if (ar.failed()) {
                  fail(ar.cause());
                  return;
                }
                JobPage page = ar.result();
                if (first) {
                  total = page.total();
                }
                int got = page.jobs().size();
                remaining -= got;
                boolean last = got < pageFilter.limit() || remaining <= 0;
                next = last ? null : pageFilter.after(page.lastSeq(), Math.min(PAGE, remaining));
                Future<Chunk> chunk = io.run(() -> new Chunk(encode(page, first, last), last));
                chunks.add(chunk);
                chunk.onComplete(v -> pump());
                pump();
              });
    }

    private void fail(Throwable err) {
      done = true;
      if (!response.headWritten()) {
        Responses.fail(rc, err);
      } else {
        response.reset();
      }
    }
  }

  /**
   * The page's items as JSON text, comma-separated; the first page opens the array, the last one
   * closes it.
   */
  private Buffer encode(JobPage page, boolean first, boolean last) {
    Buffer out = Buffer.buffer(page.jobs().size() * 1536 + 2);
    if (first) {
      out.appendString("[");
    }
    long t = now.getAsLong();
    boolean comma = !first;
    for (JobPage.Listed listed : page.jobs()) {
      if (comma) {
        out.appendString(",");
      }
      out.appendBuffer(views.listItem(listed, t).toBuffer());
      comma = true;
    }
    return last ? out.appendString("]") : out;
  }
}
