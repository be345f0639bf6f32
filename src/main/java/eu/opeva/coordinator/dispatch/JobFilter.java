package eu.opeva.coordinator.dispatch;

import static eu.opeva.coordinator.domain.JobFields.STATUS;

import eu.opeva.coordinator.domain.Job;
import io.vertx.core.json.JsonObject;

/**
 * A filter and page of {@code GET /jobs}: by status and host, then {@code offset}/{@code limit}. A
 * listing sent in several pages asks for each page after the first by the submission number of the
 * last job it sent ({@code afterSeq}, null for the first page), not by offset, so a job deleted
 * meanwhile shifts nothing and a job existing throughout is listed exactly once.
 */
public record JobFilter(String status, String host, int offset, int limit, Long afterSeq) {
  static final String HOST = "host";
  static final String OFFSET = "offset";
  static final String LIMIT = "limit";
  static final String AFTER_SEQ = "after_seq";

  /** The submission number of a page's last job, in the answer to a page (absent when empty). */
  public static final String LAST_SEQ = "last_seq";

  public JobFilter(String status, String host, int offset, int limit) {
    this(status, host, offset, limit, null);
  }

  /** The first page of a listing: {@code newLimit} jobs from {@code newOffset}. */
  public JobFilter page(int newOffset, int newLimit) {
    return new JobFilter(status, host, newOffset, newLimit, null);
  }

  /** A later page: up to {@code newLimit} matching jobs submitted after job number {@code seq}. */
  public JobFilter after(long seq, int newLimit) {
    return new JobFilter(status, host, 0, newLimit, seq);
  }

  /** Whether it leaves jobs out (by status or host); paging aside. */
  boolean filters() {
    return status != null || host != null;
  }

  boolean matches(Job job) {
    if (status != null && !status.equals(job.status().wire())) {
      return false;
    }
    return host == null
        || host.equals(job.placement().targetHost())
        || host.equals(job.placement().preferredHost());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(STATUS, status)
        .put(HOST, host)
        .put(OFFSET, offset)
        .put(LIMIT, limit)
        .put(AFTER_SEQ, afterSeq);
  }

  public static JobFilter fromJson(JsonObject json) {
    return new JobFilter(
        json.getString(STATUS),
        json.getString(HOST),
        json.getInteger(OFFSET, 0),
        json.getInteger(LIMIT, Integer.MAX_VALUE),
        json.getLong(AFTER_SEQ));
  }
}
