package eu.opeva.coordinator.dataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest generation of each dataset name, for {@code GET /dataset/{name}/status}: up to {@link
 * #KEPT} names, the least recently used finished ones forgotten first. Used on the verticle's event
 * loop only.
 */
final class LatestGenerations {
  static final int KEPT = 200;

  private final Map<String, ExportProgress> latest =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExportProgress> eldest) {
          return size() > KEPT && eldest.getValue().finished();
        }
      };

  /** Records a new generation, replacing the previous one of its name. */
  void started(ExportProgress progress) {
    latest.remove(progress.name);
    latest.put(progress.name, progress);
  }

  /** The latest generation of this name, or null. */
  ExportProgress get(String name) {
    return latest.get(name);
  }

  /** Asks every generation still running to stop. */
  void cancelAll() {
    latest.values().forEach(ExportProgress::cancel);
  }
}
