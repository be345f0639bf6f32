package eu.opeva.coordinator.experiments;

import eu.opeva.coordinator.bus.ApiFailure;
import eu.opeva.coordinator.storage.BlockingIo;
import eu.opeva.coordinator.storage.SafeNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;

/**
 * Where experiment configs become YAML and back, whatever their source ({@code configs/}, the text
 * of a create or update, an inline config saved with a job, a job's snapshot): the size in bytes is
 * checked first (413 over {@code EXPERIMENT_CONFIG_MAX_BYTES}), then the work runs on a pool of its
 * own ({@value #POOL}, {@value #THREADS} threads), never on an event loop nor on the storage pools,
 * so no config, however hostile, can hold up job state or file I/O.
 */
public final class ConfigYaml {
  public static final String POOL = "yaml";
  static final int THREADS = 2;

  private final BlockingIo pool;
  private final long maxBytes;

  public ConfigYaml(Vertx vertx, long maxBytes) {
    this.pool = new BlockingIo(vertx, POOL, THREADS);
    this.maxBytes = maxBytes;
  }

  /** Parses {@code text} ({@code what} names it in answers). */
  public Future<Object> parse(String text, String what) {
    return onPool(
        () -> {
          requireSize(SafeNames.utf8Length(text), what);
          return Yaml.parse(text, maxBytes);
        });
  }

  /** The YAML an inline config is saved as (keys sorted), within the size limit. */
  public Future<String> dumpSorted(JsonObject config, String what) {
    return onPool(
        () -> {
          String text = Yaml.dumpSorted(config);
          requireSize(SafeNames.utf8Length(text), what);
          return text;
        });
  }

  /** Runs YAML work on the pool. */
  <T> Future<T> onPool(Callable<T> work) {
    return pool.run(work);
  }

  /** Refuses a config of {@code bytes} over the limit with 413. */
  public void requireSize(long bytes, String what) {
    if (bytes > maxBytes) {
      throw new ApiFailure(
          413,
          what
              + " is "
              + bytes
              + " bytes; experiment configs of at most "
              + maxBytes
              + " bytes are accepted (EXPERIMENT_CONFIG_MAX_BYTES)");
    }
  }
}
