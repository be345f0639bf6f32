package eu.opeva.coordinator.citylearn;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The site documents of one building's collection within a time window, in time order, one at a
 * time. Where they come from (MongoDB batches for an export) is the caller's business.
 */
public interface DocumentStream extends AutoCloseable {
  /** A document with its parsed timestamp. */
  record Timed(Instant ts, JsonObject doc) {}

  /** Opens the documents of a collection within {@code [from, until]}. */
  @FunctionalInterface
  interface Opener {
    DocumentStream open(String collection, Instant from, Instant until);
  }

  /** The next document in time order, or null at the end. */
  Timed next();

  @Override
  void close();
}
