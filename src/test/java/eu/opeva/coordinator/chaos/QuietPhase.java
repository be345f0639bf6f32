package eu.opeva.coordinator.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The end of a run: with every process up and nothing killed any more, wait (up to the quiet limit)
 * until every job is terminal and no agent runs anything, then read every job's final status and
 * info.
 */
final class QuietPhase {
  private static final int READERS = 4;

  private final Ledger ledger;
  private final ChaosHttp http;
  private final Sampler sampler;
  private final Fleet fleet;

  QuietPhase(Ledger ledger, ChaosHttp http, Sampler sampler, Fleet fleet) {
    this.ledger = ledger;
    this.http = http;
    this.sampler = sampler;
    this.fleet = fleet;
  }

  /** Waits until everything ended or {@code limit} passed; what is still not over (empty: all). */
  List<String> await(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<String> left = List.of("no listing answered");
    while (System.nanoTime() < deadline) {
      left = notOver();
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(1000);
    }
    return left;
  }

  private List<String> notOver() {
    List<String> left = new ArrayList<>();
    Set<String> listed = sampler.listing();
    if (listed == null) {
      return List.of("the coordinator did not answer GET /jobs");
    }
    for (TrackedJob j : ledger.jobs()) {
      synchronized (ledger) {
        if (listed.contains(j.id) && !Observation.isTerminal(j.lastStatus)) {
          left.add(j.id + " " + j.lastStatus);
        } else if (!listed.contains(j.id) && j.acknowledged() && !j.deleteSent()) {
          left.add(j.id + " missing");
        }
      }
    }
    for (String worker : fleet.workers()) {
      List<AgentLife> lives = fleet.lives(worker);
      AgentLife current = lives.get(lives.size() - 1);
      for (Journals.Line l :
          Journals.openIn(Journals.read(fleet.journal(worker)).lines(), current)) {
        left.add(worker + " runs " + l.jobId() + " attempt " + l.attempt());
      }
    }
    return left;
  }

  /** Reads every tracked job's final status and info (a few at a time, retrying a failed read). */
  void collect() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<?>> reads = new ArrayList<>();
      for (TrackedJob j : ledger.jobs()) {
        reads.add(pool.submit(() -> read(j)));
      }
      for (Future<?> f : reads) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void read(TrackedJob j) {
    ChaosHttp.Answer status = retried("/status/" + j.id);
    ChaosHttp.Answer info = status.ok() ? retried("/job-info/" + j.id) : null;
    synchronized (ledger) {
      j.finalKnown = status.ok() || status.status() == 404;
      j.finalStatus = status.ok() ? status.json() : null;
      j.finalInfo = info != null && info.ok() ? info.json() : null;
    }
    if (status.ok()) {
      ledger.observe(j.id, Observation.of(status.json(), status, "final"));
    } else if (status.status() == 404) {
      ledger.observe(j.id, Observation.absent(status, "final"));
    }
  }

  private ChaosHttp.Answer retried(String path) {
    ChaosHttp.Answer a = http.get(path);
    for (int i = 0; i < 5 && (!a.answered() || a.status() == 503); i++) {
      a = http.get(path);
    }
    return a;
  }
}
