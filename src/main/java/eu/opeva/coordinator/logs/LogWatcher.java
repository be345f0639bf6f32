package eu.opeva.coordinator.logs;

import eu.opeva.coordinator.dispatch.DispatchAddresses;
import eu.opeva.coordinator.dispatch.StatusEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * What followers of logs wait for, shared by every follower on one event loop: one size check per
 * watched file per interval however many clients follow it, and the end of jobs (from the
 * status-changed events). The timer runs only while something is watched. Event-loop confined.
 */
final class LogWatcher {
  private final Vertx vertx;
  private final long intervalMs;
  private final Map<Path, FileWatch> files = new HashMap<>();
  private final Map<String, Set<Runnable>> jobEnds = new HashMap<>();
  private final Set<Runnable> tickers = new LinkedHashSet<>();
  private long timer = -1;

  private record Listener(LongConsumer size, Runnable gone) {}

  private static final class FileWatch {
    final Set<Listener> listeners = new LinkedHashSet<>();
    boolean checking;
  }

  LogWatcher(Vertx vertx, Duration interval) {
    this.vertx = vertx;
    this.intervalMs = Math.max(10, interval.toMillis());
    vertx
        .eventBus()
        .<JsonObject>consumer(
            DispatchAddresses.STATUS_CHANGED,
            m -> {
              StatusEvent event = StatusEvent.fromJson(m.body());
              if (event.status().isTerminal()) {
                jobEnded(event.jobId());
              }
            });
  }

  /** Reports the file's size every interval, or that it is gone. Returns the cancellation. */
  Runnable watchFile(Path file, LongConsumer size, Runnable gone) {
    Listener l = new Listener(size, gone);
    files.computeIfAbsent(file, f -> new FileWatch()).listeners.add(l);
    startTimer();
    return () -> {
      FileWatch w = files.get(file);
      if (w != null && w.listeners.remove(l) && w.listeners.isEmpty()) {
        files.remove(file);
      }
    };
  }

  /** Runs {@code ended} once, when the job reaches a terminal state. Returns the cancellation. */
  Runnable watchJob(String jobId, Runnable ended) {
    Runnable once = () -> ended.run();
    jobEnds.computeIfAbsent(jobId, id -> new LinkedHashSet<>()).add(once);
    return () -> {
      Set<Runnable> waiting = jobEnds.get(jobId);
      if (waiting != null && waiting.remove(once) && waiting.isEmpty()) {
        jobEnds.remove(jobId);
      }
    };
  }

  /** Runs {@code tick} every interval. Returns the cancellation. */
  Runnable everyTick(Runnable tick) {
    Runnable own = () -> tick.run();
    tickers.add(own);
    startTimer();
    return () -> tickers.remove(own);
  }

  /** How many file watches are open (one per followed client). */
  int followers() {
    return files.values().stream().mapToInt(w -> w.listeners.size()).sum();
  }

  private void jobEnded(String jobId) {
    Set<Runnable> waiting = jobEnds.remove(jobId);
    if (waiting != null) {
      List.copyOf(waiting).forEach(Runnable::run);
    }
  }

  private void startTimer() {
    if (timer < 0) {
      timer = vertx.setPeriodic(intervalMs, id -> tick());
    }
  }

  private void tick() {
    for (Map.Entry<Path, FileWatch> e : new ArrayList<>(files.entrySet())) {
      FileWatch w = e.getValue();
      if (w.checking) {
        continue;
      }
      w.checking = true;
      vertx
          .fileSystem()
          .props(e.getKey().toString())
          .onComplete(
              ar -> {
                w.checking = false;
                for (Listener l : List.copyOf(w.listeners)) {
                  if (ar.succeeded()) {
                    l.size().accept(ar.result().size());
                  } else {
                    l.gone().run();
                  }
                }
              });
    }
    List.copyOf(tickers).forEach(Runnable::run);
    if (files.isEmpty() && tickers.isEmpty()) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
