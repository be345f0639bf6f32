package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.jobstore.JobCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the compatible {@code job_track.json} snapshot, never per transition: at most once per
 * interval (and, for large registries, never more often than every twenty times the last write
 * took, so the snapshot stays a small share of the disk's work, and after a start not before as
 * long again as recovery took), and at shutdown. It is written atomically but without fsync:
 * recovery trusts per-job files, not the snapshot. The event loop only takes the jobs changed since
 * the last snapshot and the registry's order (jobs are immutable); re-encoding those entries,
 * joining and writing happen on the I/O pool, one write at a time (a write asked for meanwhile
 * follows the one under way).
 */
final class SnapshotWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

  private final Dispatcher d;
  // Touched only by the write under way, on the pool (writes never overlap).
  private final Map<String, String> encoded = new HashMap<>();
  private Future<Void> writing;
  private long lastWriteMs;
  private long nextAllowedAt;

  SnapshotWriter(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  /** No write by the timer before {@code at} (epoch milliseconds). */
  void notBefore(long at) {
    nextAllowedAt = Math.max(nextAllowedAt, at);
  }

  /** Called by the periodic timer. */
  void tick() {
    long now = System.currentTimeMillis();
    if (writing == null && d.registry.hasDirty() && now >= nextAllowedAt) {
      write();
    }
  }

  Future<Void> write() {
    if (writing != null) {
      return writing.transform(ar -> write());
    }
    Map<String, Job> changed = new LinkedHashMap<>();
    for (String id : d.registry.drainDirty()) {
      changed.put(id, d.registry.get(id)); // null: deleted
    }
    List<String> order = new ArrayList<>(d.registry.size());
    for (Job e : d.registry.all()) {
      order.add(e.jobId());
    }
    long started = System.currentTimeMillis();
    Promise<Void> done = Promise.promise();
    writing = done.future();
    d.store
        .writeSnapshot(() -> encode(changed, order))
        .onComplete(
            ar -> {
              writing = null;
              lastWriteMs = System.currentTimeMillis() - started;
              nextAllowedAt = System.currentTimeMillis() + 20 * lastWriteMs;
              if (ar.failed()) {
                LOG.warn("job_track.json snapshot failed; will retry", ar.cause());
              }
              done.handle(ar);
            });
    return done.future();
  }

  /** The entries in registry order, the changed ones encoded again. On the pool. */
  private List<String> encode(Map<String, Job> changed, List<String> order) {
    changed.forEach(
        (id, job) -> {
          if (job == null) {
            encoded.remove(id);
          } else {
            encoded.put(id, Json.encode(id) + ": " + JobCodec.trackEntry(job).encode());
          }
        });
    List<String> entries = new ArrayList<>(order.size());
    for (String id : order) {
      entries.add(encoded.get(id));
    }
    return entries;
  }
}
