package eu.opeva.coordinator.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Looks at jobs all through the run: every few hundred milliseconds the status of open jobs, some
 * ended and some deleted ones ({@code GET /status/{id}}), and now and then the whole listing
 * ({@code GET /jobs}). A listing is an observation of every tracked job acknowledged before it was
 * sent: present with its status and version, or absent (when the listing can tell).
 */
final class Sampler {
  private static final int OPEN_PER_ROUND = 30;
  private static final int ENDED_PER_ROUND = 4;
  private static final int DELETED_PER_ROUND = 2;
  private static final long ROUND_MS = 300;
  private static final int PAGE = 500;

  private final Ledger ledger;
  private final ChaosHttp http;
  private final Duration listingEvery;
  private final Random rng;
  private Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;
  private int listings;
  private int withDeletes;

  Sampler(Ledger ledger, ChaosHttp http, Duration listingEvery, long seed) {
    this.ledger = ledger;
    this.http = http;
    this.listingEvery = listingEvery;
    this.rng = new Random(seed * 31 + 7);
  }

  void start() {
    thread = new Thread(this::loop, "chaos-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    stopping = true;
    thread.join();
    if (failure != null) {
      throw new IllegalStateException("the sampler failed: " + failure, failure);
    }
  }

  synchronized int listings() {
    return listings;
  }

  /** Listings of more than one page with a delete in flight meanwhile (counted, as evidence). */
  synchronized int listingsWithDeletes() {
    return withDeletes;
  }

  private void loop() {
    long nextListing = System.nanoTime();
    try {
      while (!stopping) {
        for (TrackedJob j : batch()) {
          status(j.id);
        }
        if (System.nanoTime() >= nextListing) {
          listing();
          nextListing = System.nanoTime() + listingEvery.toNanos();
        }
        Thread.sleep(ROUND_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
    }
  }

  private List<TrackedJob> batch() {
    List<TrackedJob> open = new ArrayList<>();
    List<TrackedJob> ended = new ArrayList<>();
    List<TrackedJob> deleted = new ArrayList<>();
    synchronized (ledger) {
      for (TrackedJob j : ledger.jobs()) {
        if (j.deleteSent()) {
          deleted.add(j);
        } else if (j.open()) {
          open.add(j);
        } else {
          ended.add(j);
        }
      }
    }
    List<TrackedJob> out = new ArrayList<>();
    out.addAll(some(open, OPEN_PER_ROUND));
    out.addAll(some(ended, ENDED_PER_ROUND));
    out.addAll(some(deleted, DELETED_PER_ROUND));
    return out;
  }

  private List<TrackedJob> some(List<TrackedJob> from, int n) {
    Collections.shuffle(from, rng);
    return from.subList(0, Math.min(n, from.size()));
  }

  /** One {@code GET /status/{id}} as an observation (when answered 200 or 404). */
  void status(String id) {
    ChaosHttp.Answer a = http.get("/status/" + id);
    if (a.ok()) {
      ledger.observe(id, Observation.of(a.json(), a, "status"));
    } else if (a.status() == 404) {
      ledger.observe(id, Observation.absent(a, "status"));
    }
  }

  /** One {@code GET /jobs}; the jobs it lists (null when it got no answer). */
  Set<String> listing() {
    ChaosHttp.Answer a = http.get("/jobs");
    JsonArray list = a.ok() ? a.array() : null;
    if (list == null) {
      return null;
    }
    Set<String> seen = new HashSet<>();
    for (Object o : list) {
      if (o instanceof JsonObject entry) {
        JsonObject meta = entry.getJsonObject("job_meta", entry);
        String id = entry.getString("job_id");
        seen.add(id);
        ledger.observe(id, Observation.of(meta, a, "listing"));
      }
    }
    // GET /jobs is sent in pages of 500, each after the last job of the one before: a delete
    // between two pages must leave out no other job, so every absence counts.
    for (TrackedJob j : ledger.jobs()) {
      if (j.acknowledged() && j.ackNanos < a.sentNanos() && !seen.contains(j.id)) {
        ledger.observe(j.id, Observation.absent(a, "listing"));
      }
    }
    boolean paged = list.size() >= PAGE && ledger.deleteDuring(a.sentNanos(), a.recvNanos());
    synchronized (this) {
      listings++;
      if (paged) {
        withDeletes++;
      }
    }
    return seen;
  }
}
