package eu.opeva.coordinator.images;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tag lists by {@code <repository>:<limit>}, kept for the TTL on the injected clock; one fetch at a
 * time per key (callers meanwhile share it); failures are not kept. At most {@value #MAX_ENTRIES}
 * lists, the oldest dropped first. Used on one event loop only.
 */
final class TagCache {
  static final int MAX_ENTRIES = 256;

  /** A list and when it was fetched (epoch milliseconds). */
  record Listing(List<Tag> tags, long fetchedAt) {}

  /** A listing and whether it came from the cache. */
  record Lookup(Listing listing, boolean cached) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Future<Listing>> inFlight = new HashMap<>();
  private final Map<String, Listing> kept =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Listing> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  TagCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  Future<Lookup> get(String key, Supplier<Future<List<Tag>>> fetch) {
    Listing listing = kept.get(key);
    if (listing != null && clock.millis() - listing.fetchedAt() < ttl.toMillis()) {
      return Future.succeededFuture(new Lookup(listing, true));
    }
    kept.remove(key);
    Future<Listing> running = inFlight.get(key);
    if (running == null) {
      running =
          fetch
              .get()
              .map(tags -> new Listing(List.copyOf(tags), clock.millis()))
              .onComplete(
                  ar -> {
                    inFlight.remove(key);
                    if (ar.succeeded() && !ttl.isZero()) {
                      kept.put(key, ar.result());
                    }
                  });
      if (!running.isComplete()) {
        inFlight.put(key, running);
      }
    }
    return running.map(l -> new Lookup(l, false));
  }
}
