package eu.opeva.coordinator.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address over the last minute: past the limit, an address is told to
 * wait (429 with {@code Retry-After}) before any password is checked. Shared by the HTTP verticles.
 */
public final class FailedLogins {
  private static final long WINDOW_MS = 60_000;

  private final int limit;
  private final Clock clock;
  private final ConcurrentHashMap<String, ArrayDeque<Long>> byAddress = new ConcurrentHashMap<>();

  public FailedLogins(int limitPerMinute, Clock clock) {
    this.limit = limitPerMinute;
    this.clock = clock;
  }

  /** Seconds the address must wait, or 0 when it may try. */
  public long retryAfter(String address) {
    ArrayDeque<Long> times = byAddress.get(address);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      long now = clock.millis();
      while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_MS) {
        times.pollFirst();
      }
      if (times.size() < limit) {
        return 0;
      }
      return Math.max(1, (times.peekFirst() + WINDOW_MS - now + 999) / 1000);
    }
  }

  public void failed(String address) {
    ArrayDeque<Long> times = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(clock.millis());
      while (times.size() > limit * 2) {
        times.pollFirst();
      }
    }
    if (byAddress.size() > 100_000) {
      byAddress.clear(); // a flood of addresses: forget rather than grow without bound
    }
  }
}
