package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.domain.Job;
import eu.opeva.coordinator.jobstore.JobCodec;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the compatible {@code job_track.json} snapshot, never per transition: at most once per
 * interval (and, for large registries, never more often than every twenty times the last write
 * took, so the snapshot stays a small share of the disk's work), and at shutdown. It is written
 * atomically but without fsync: recovery trusts per-job files, not the snapshot. Only entries
 * changed since the last snapshot are re-encoded on the event loop; joining and writing happen on
 * the I/O pool.
 */
final class SnapshotWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

  private final Dispatcher d;
  private final Map<String, String> encoded = new HashMap<>();
  private boolean writing;
  private long lastWriteMs;
  private long nextAllowedAt;

  SnapshotWriter(Dispatcher dispatcher) {
    this.d = dispatcher;
  }

  /** Called by the periodic timer. */
  void tick() {
    long now = System.currentTimeMillis();
    if (!writing && d.registry.hasDirty() && now >= nextAllowedAt) {
      write();
    }
  }

  Future<Void> write() {
    writing = true;
    for (String id : d.registry.drainDirty()) {
      Job e = d.registry.get(id);
      if (e == null) {
        encoded.remove(id);
      } else {
        encoded.put(id, Json.encode(id) + ": " + JobCodec.trackEntry(e).encode());
      }
    }
    List<String> entries = new ArrayList<>(d.registry.size());
    for (Job e : d.registry.all()) {
      entries.add(encoded.get(e.jobId()));
    }
    long started = System.currentTimeMillis();
    return d.store
        .writeSnapshot(entries)
        .onComplete(
            ar -> {
              writing = false;
              lastWriteMs = System.currentTimeMillis() - started;
              nextAllowedAt = System.currentTimeMillis() + 20 * lastWriteMs;
              if (ar.failed()) {
                LOG.warn("job_track.json snapshot failed; will retry", ar.cause());
              }
            });
  }
}
