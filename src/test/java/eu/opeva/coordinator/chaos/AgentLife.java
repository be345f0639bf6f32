package eu.opeva.coordinator.chaos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One life of one agent process: from just before its start to just before its SIGKILL (wall clock,
 * epoch milliseconds). At the kill, the runs its journal shows open are watched until their
 * processes are gone: {@link #deaths} maps each ({@code job#attempt}) to the first moment the
 * driver saw its wrapper process gone (null while not seen, or never within the watch).
 */
final class AgentLife {
  final String worker;
  final int number;
  final long startWall;
  volatile long killWall;
  private final Map<String, Long> deaths = new LinkedHashMap<>();
  private boolean watched;

  AgentLife(String worker, int number, long startWall) {
    this.worker = worker;
    this.number = number;
    this.startWall = startWall;
  }

  boolean killed() {
    return killWall != 0;
  }

  static String key(String jobId, int attempt) {
    return jobId + "#" + attempt;
  }

  synchronized void openAtKill(String key) {
    deaths.putIfAbsent(key, null);
  }

  synchronized void died(String key, long wall) {
    deaths.put(key, wall);
  }

  synchronized void watchDone() {
    watched = true;
    notifyAll();
  }

  /** Waits (bounded) until the watch of this life's runs is over. */
  synchronized void awaitWatch(long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (!watched && System.currentTimeMillis() < end) {
      wait(Math.max(1, end - System.currentTimeMillis()));
    }
  }

  synchronized Map<String, Long> deaths() {
    return new LinkedHashMap<>(deaths);
  }

  synchronized Long deathOf(String key) {
    return deaths.get(key);
  }
}
