package eu.opeva.coordinator.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedules in memory, in creation order, each with its parsed cron and the next time it needs
 * attention (its next planned time, or its pending submission's retry). Only what was written is
 * installed.
 */
final class ScheduleRegistry {
  /** A schedule, its cron, and when it is next due (null: never). */
  record Entry(Schedule schedule, Cron cron, Long due) {}

  private final Map<String, Entry> byId = new LinkedHashMap<>();

  void install(Schedule s, Cron cron) {
    Long due = null;
    Optional<ScheduleRun> pending = s.pending();
    if (pending.isPresent()) {
      due = pending.get().retryAt() == null ? 0L : pending.get().retryAt();
    }
    if (s.enabled()) {
      Long next = cron.next(s.cursor()).orElse(null);
      due = due == null ? next : next == null ? due : Math.min(due, next);
    }
    byId.put(s.id(), new Entry(s, cron, due));
  }

  /** The new version of a schedule already known (same cron). */
  void install(Schedule s) {
    install(s, byId.get(s.id()).cron());
  }

  Schedule get(String id) {
    Entry e = byId.get(id);
    return e == null ? null : e.schedule();
  }

  Cron cron(String id) {
    return byId.get(id).cron();
  }

  void remove(String id) {
    byId.remove(id);
  }

  List<Entry> entries() {
    return new ArrayList<>(byId.values());
  }

  int size() {
    return byId.size();
  }
}
