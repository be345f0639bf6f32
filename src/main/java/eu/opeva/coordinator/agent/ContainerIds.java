package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.storage.BlockingIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Container ids of running jobs, from the files {@code docker run --cidfile} writes once the
 * container exists. A report must not wait for a file read, so a missing id is looked up on the
 * agent's pool and reported from the next report on (running refreshes and the terminal report).
 * Bounded: only the most recent jobs are remembered.
 */
final class ContainerIds {
  private static final int REMEMBERED = 256;

  private final BlockingIo io;
  private final Map<String, Path> files = bounded();
  private final Map<String, String> ids = bounded();

  ContainerIds(BlockingIo io) {
    this.io = io;
  }

  /** Where the id of the container started under {@code name} will be written. */
  void expect(String name, Path cidFile) {
    files.put(name, cidFile);
  }

  /** The container's id if already known; otherwise null, and a look-up is started. */
  String of(String name) {
    String id = ids.get(name);
    Path file = files.get(name);
    if (id == null && file != null && io != null) {
      io.run(() -> Files.isRegularFile(file) ? Files.readString(file).trim() : "")
          .onSuccess(
              read -> {
                if (!read.isEmpty()) {
                  ids.put(name, read);
                }
              });
    }
    return id;
  }

  private static <V> Map<String, V> bounded() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > REMEMBERED;
          }
        });
  }
}
