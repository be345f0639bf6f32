package eu.opeva.coordinator.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The kills: one thread kills and restarts the coordinator (up for a random time, down for a random
 * time, storage faults on a random share of its lives), another kills a random agent every random
 * interval and restarts it after a random outage (some past the coordinator's offline TTL). Every
 * moment and choice comes from the run's seeded generator. {@link #stop} restarts what is down.
 */
final class FaultSchedule {
  /** An outage long enough for the coordinator to declare the worker offline (8 s + 4 s). */
  static final Duration LONG_DOWN = Duration.ofSeconds(16);

  /**
   * A coordinator life long enough for the claim TTL (10 s) and the offline time (12 s), counted
   * from its start, to run out: dispatches lost in a kill are requeued, silent workers found
   * offline.
   */
  static final Duration LONG_LIFE = Duration.ofSeconds(14);

  private final ChaosSettings settings;
  private final Fleet fleet;
  private final Random coordinatorRng;
  private final Random agentRng;
  private final Object wake = new Object();
  private volatile boolean stopping;
  private final List<Thread> threads = new ArrayList<>();
  private volatile Throwable failure;
  private volatile int longDowns;
  private volatile int longLives;

  FaultSchedule(ChaosSettings settings, Fleet fleet) {
    this.settings = settings;
    this.fleet = fleet;
    this.coordinatorRng = new Random(settings.seed() * 31 + 1);
    this.agentRng = new Random(settings.seed() * 31 + 2);
  }

  void start() {
    threads.add(thread("chaos-coordinator-kills", this::coordinatorLoop));
    threads.add(thread("chaos-agent-kills", this::agentLoop));
    threads.forEach(Thread::start);
  }

  private Thread thread(String name, Runnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable e) {
                failure = e;
              }
            },
            name);
    t.setDaemon(true);
    return t;
  }

  /** Ends the kills; afterwards the coordinator and every agent are up (without faults). */
  void stop() throws InterruptedException {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure != null) {
      throw new IllegalStateException("the fault schedule failed: " + failure, failure);
    }
  }

  /** What made a schedule thread stop early, if anything did. */
  Throwable failure() {
    return failure;
  }

  /** Coordinator lives of {@link #LONG_LIFE}. */
  int longLives() {
    return longLives;
  }

  /** Agent kills followed by an outage past the offline TTL. */
  int longDowns() {
    return longDowns;
  }

  private void coordinatorLoop() {
    try {
      while (pause(life())) {
        fleet.killCoordinator();
        Duration down = settings.coordinatorDown().pickSeconds(coordinatorRng);
        boolean faulty = coordinatorRng.nextDouble() < settings.faultyLifeShare();
        long faultSeed = coordinatorRng.nextLong();
        pause(down);
        fleet.startCoordinator(faulty && !stopping, faultSeed);
      }
      if (!fleet.coordinatorUp() || fleet.coordinatorFaulty()) {
        fleet.killCoordinator();
        fleet.startCoordinator(false, 0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long the next coordinator life lasts after its start. */
  private Duration life() {
    if (coordinatorRng.nextDouble() < settings.longLifeShare()) {
      longLives++;
      return LONG_LIFE;
    }
    return settings.coordinatorUp().pickSeconds(coordinatorRng);
  }

  private void agentLoop() {
    int n = settings.agents();
    long[] restartAt = new long[n];
    try {
      long nextKill = now() + settings.agentKillEvery().pickSeconds(agentRng).toMillis();
      while (!stopping) {
        long next = nextKill;
        for (long r : restartAt) {
          if (r > 0) {
            next = Math.min(next, r);
          }
        }
        pauseUntil(next);
        for (int i = 0; i < n; i++) {
          if (restartAt[i] > 0 && restartAt[i] <= now()) {
            restartAt[i] = 0;
            fleet.startAgent(i);
          }
        }
        if (!stopping && now() >= nextKill) {
          int first = agentRng.nextInt(n);
          boolean longDown = agentRng.nextDouble() < settings.longDownShare();
          Duration down = longDown ? LONG_DOWN : settings.agentDown().pickSeconds(agentRng);
          for (int k = 0; k < n; k++) {
            int i = (first + k) % n;
            if (restartAt[i] == 0 && fleet.agentUp(i)) {
              fleet.killAgent(i);
              restartAt[i] = now() + down.toMillis();
              if (longDown) {
                longDowns++;
              }
              break;
            }
          }
          nextKill = now() + settings.agentKillEvery().pickSeconds(agentRng).toMillis();
        }
      }
      for (int i = 0; i < n; i++) {
        if (!fleet.agentUp(i)) {
          fleet.startAgent(i);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits {@code d} (a moment of the schedule); false when the schedule is stopping. */
  private boolean pause(Duration d) throws InterruptedException {
    pauseUntil(now() + d.toMillis());
    return !stopping;
  }

  private void pauseUntil(long wall) throws InterruptedException {
    synchronized (wake) {
      while (!stopping && now() < wall) {
        wake.wait(Math.max(1, wall - now()));
      }
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
