package eu.opeva.coordinator.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The time rules of open connections, with the times given (nanoseconds of a monotonic clock), so
 * they are tested without waiting. A connection that has not completed the headers of a first
 * request within the header timeout, or that has had no request in flight for the idle timeout, is
 * due to be closed. A request is in flight from the moment its headers are complete until its
 * response has ended, however quiet it is meanwhile (a long poll, a followed log). Not thread-safe:
 * one event loop owns it.
 */
final class ConnectionTimes<C> {
  private final long headerTimeout;
  private final long idleTimeout;
  private final Map<C, State> open = new HashMap<>();

  ConnectionTimes(Duration headerTimeout, Duration idleTimeout) {
    this.headerTimeout = headerTimeout.toNanos();
    this.idleTimeout = idleTimeout.toNanos();
  }

  /** Since when a connection waits, whether it has served a request, and what is in flight. */
  private static final class State {
    long since;
    boolean served;
    final List<BooleanSupplier> inFlight = new ArrayList<>(1);

    State(long since) {
      this.since = since;
    }
  }

  void opened(C connection, long now) {
    open.put(connection, new State(now));
  }

  /**
   * A request of {@code connection} has its headers complete; {@code ended} tells when its response
   * is over. A connection this table does not know is ignored.
   */
  void requestStarted(C connection, BooleanSupplier ended, long now) {
    State state = open.get(connection);
    if (state != null) {
      state.served = true;
      state.since = now;
      state.inFlight.add(ended);
    }
  }

  void closed(C connection) {
    open.remove(connection);
  }

  int size() {
    return open.size();
  }

  /**
   * The connections whose time is up at {@code now}; they are forgotten here. The idle time of a
   * connection starts when a sweep first finds its last response ended, so it runs at most one
   * sweep period longer than the timeout.
   */
  List<C> expired(long now) {
    List<C> due = new ArrayList<>();
    var entries = open.entrySet().iterator();
    while (entries.hasNext()) {
      var entry = entries.next();
      State state = entry.getValue();
      if (!state.inFlight.isEmpty()) {
        state.inFlight.removeIf(BooleanSupplier::getAsBoolean);
        if (!state.inFlight.isEmpty()) {
          continue;
        }
        state.since = now;
      }
      long limit = state.served ? idleTimeout : headerTimeout;
      if (now - state.since >= limit) {
        due.add(entry.getKey());
        entries.remove();
      }
    }
    return due;
  }
}
