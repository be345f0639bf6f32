package eu.opeva.coordinator.dispatch;

import eu.opeva.coordinator.jobstore.JobCodec;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.JsonFiles;
import eu.opeva.coordinator.storage.SharedLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads back the keys workers add to their jobs' {@code job_info.json} ({@code run_id}, {@code
 * mlflow_run_id} ...), so that {@code GET /jobs}, served from memory, shows them too: on each tick
 * the info files of the active jobs and of those that stopped being active since the last tick
 * (whose workers may have written to them) are read on the I/O pool, one tick's reads at a time,
 * and what they hold beyond the codec's own keys is recorded in the registry on the dispatch loop.
 * Jobs that ended before the last tick are never read again: nothing writes to them any more.
 */
final class WorkerInfoRefresh {
  private final Dispatcher d;
  private final SharedLayout layout;
  private final BlockingIo io;
  private boolean reading;

  WorkerInfoRefresh(Dispatcher dispatcher, SharedLayout layout, BlockingIo io) {
    this.d = dispatcher;
    this.layout = layout;
    this.io = io;
  }

  /** Called by the periodic timer (on the dispatch loop). */
  void tick() {
    if (reading) {
      return;
    }
    Set<String> ids = d.registry.drainInfoCandidates();
    if (ids.isEmpty()) {
      return;
    }
    reading = true;
    io.run(
            () -> {
              Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
              for (String id : ids) {
                keys.put(
                    id, JobCodec.workerKeys(JsonFiles.readObjectOrNull(layout.jobInfoFile(id))));
              }
              return keys;
            })
        .onComplete(
            ar -> {
              reading = false;
              if (ar.succeeded()) {
                ar.result().forEach(d.registry::workerInfo);
              }
            });
  }
}
