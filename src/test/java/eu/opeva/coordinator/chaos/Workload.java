package eu.opeva.coordinator.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The clients: each thread draws operations from a fixed mix (with its own generator seeded from
 * the run's seed) until stopped. Creating operations (submissions, pipelines, re-runs) pause while
 * {@link ChaosSettings#maxOpen} acknowledged jobs have not been seen ending, so the queue stays
 * short and the quiet phase can end them all. A request that got no answer (the coordinator is
 * down) is followed by a short random pause.
 */
final class Workload {
  private enum Op {
    SUBMIT(40, true),
    PIPELINE(6, true),
    RERUN(5, true),
    PIPELINE_RERUN(3, true),
    STOP(5, false),
    DELETE(4, false),
    OPS_REQUEUE(4, false),
    OPS_FAIL(2, false),
    OPS_CANCEL(2, false),
    OPS_STOP(2, false),
    PIPELINE_CANCEL(1, false),
    FENCED_REPORT(7, false);

    final int weight;
    final boolean creates;

    Op(int weight, boolean creates) {
      this.weight = weight;
      this.creates = creates;
    }
  }

  private final ChaosSettings settings;
  private final Ledger ledger;
  private final Creations creations;
  private final Interventions interventions;
  private final FencedReports fenced;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;
  private volatile Throwable failure;

  Workload(
      ChaosSettings settings, Ledger ledger, ChaosHttp http, JobMix mix, List<String> workers) {
    this.settings = settings;
    this.ledger = ledger;
    this.creations = new Creations(ledger, http, mix);
    this.interventions = new Interventions(ledger, http);
    this.fenced = new FencedReports(ledger, http, workers);
  }

  void start() {
    for (int i = 0; i < settings.clients(); i++) {
      Random rng = new Random(settings.seed() * 31 + 100 + i);
      Thread t = new Thread(() -> loop(rng), "chaos-client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  void stop() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join();
    }
    if (failure != null) {
      throw new IllegalStateException("a workload client failed: " + failure, failure);
    }
  }

  /** What made a client stop early, if anything did. */
  Throwable failure() {
    return failure;
  }

  FencedReports fenced() {
    return fenced;
  }

  private void loop(Random rng) {
    try {
      while (!stopping) {
        Thread.sleep(10 + rng.nextInt(110)); // think time, from the seeded generator
        Op op = draw(rng);
        if (op.creates && ledger.open() >= settings.maxOpen()) {
          continue;
        }
        boolean answered = run(op, rng);
        if (!answered) {
          Thread.sleep(100 + rng.nextInt(300));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
    }
  }

  private static Op draw(Random rng) {
    int total = 0;
    for (Op o : Op.values()) {
      total += o.weight;
    }
    int r = rng.nextInt(total);
    for (Op o : Op.values()) {
      r -= o.weight;
      if (r < 0) {
        return o;
      }
    }
    return Op.SUBMIT;
  }

  /** Runs one operation; false when its request got no answer. */
  private boolean run(Op op, Random rng) {
    return switch (op) {
      case SUBMIT -> creations.submit(rng);
      case PIPELINE -> creations.pipeline(rng);
      case RERUN -> creations.rerun(rng);
      case PIPELINE_RERUN -> creations.pipelineRerun(rng);
      case STOP -> interventions.stop(rng, false);
      case OPS_STOP -> interventions.stop(rng, true);
      case DELETE -> interventions.delete(rng);
      case OPS_REQUEUE -> interventions.requeue(rng);
      case OPS_FAIL -> interventions.end(rng, "fail");
      case OPS_CANCEL -> interventions.end(rng, "cancel");
      case PIPELINE_CANCEL -> interventions.cancelPipeline(rng);
      case FENCED_REPORT -> fenced.probe(rng);
    };
  }
}
