package eu.opeva.coordinator.chaos;

import eu.opeva.coordinator.domain.EpochTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduling invariants, from the final status and info of every job and the agents' journals:
 * a job with dependencies was never dispatched (coordinator's times) nor started (agents' times)
 * before every dependency ended (its {@code finished_at}; for a deleted one, the last time it was
 * seen existing and not ended, a lower bound of its end); a job canceled with {@code
 * dependency_failed} had a dependency that did not finish; a job that needs all its dependencies
 * finished never ran when one ended otherwise; and no job had more attempts than its retry policy
 * allows (jobs an operator requeued are exempt: a requeue adds an attempt on purpose), nor did an
 * agent run an attempt the coordinator never counted.
 */
final class SchedulingChecks {
  private final Map<String, TrackedJob> jobs = new HashMap<>();
  private final Map<String, List<Journals.Run>> runs;

  SchedulingChecks(List<TrackedJob> all, Map<String, List<Journals.Run>> runs) {
    all.forEach(j -> jobs.put(j.id, j));
    this.runs = runs;
  }

  Verdict dependencies() {
    List<String> bad = new ArrayList<>();
    int dependent = 0;
    int dispatches = 0;
    int started = 0;
    int canceled = 0;
    int blocked = 0;
    int unknown = 0;
    for (TrackedJob j : jobs.values()) {
      JsonArray deps = j.finalInfo == null ? null : j.finalInfo.getJsonArray("depends_on");
      if (deps == null || deps.isEmpty() || j.finalStatus == null) {
        continue;
      }
      dependent++;
      long latest = Long.MIN_VALUE;
      String latestDep = null;
      boolean unfinished = false;
      boolean failedDep = false;
      boolean known = true;
      for (Object o : deps) {
        TrackedJob d = jobs.get(String.valueOf(o));
        Long end = d == null ? null : endOf(d);
        if (end == null) {
          known = false;
          continue;
        }
        String s = d.finalStatus == null ? null : d.finalStatus.getString("status");
        unfinished |= !"finished".equals(s);
        failedDep |= s != null && !"finished".equals(s);
        if (end > latest) {
          latest = end;
          latestDep = d.id;
        }
      }
      if (!known) {
        unknown++;
        continue;
      }
      for (long t : dispatchTimes(j.finalStatus)) {
        dispatches++;
        if (t < latest) {
          bad.add(
              j.id
                  + ": dispatched at "
                  + t
                  + ", before its dependency "
                  + latestDep
                  + " ended at "
                  + latest);
        }
      }
      for (Journals.Run r : runs.getOrDefault(j.id, List.of())) {
        started++;
        if (r.start() < latest) {
          bad.add(
              j.id
                  + ": started on "
                  + r.worker()
                  + " at "
                  + r.start()
                  + ", before its dependency "
                  + latestDep
                  + " ended at "
                  + latest);
        }
      }
      boolean needsAll = !"all_done".equals(j.finalInfo.getString("run_if"));
      if ("dependency_failed".equals(j.finalStatus.getString("error"))) {
        canceled++;
        if (!unfinished || !needsAll) {
          bad.add(
              j.id
                  + ": canceled with dependency_failed, but every dependency finished (or run_if all_done): "
                  + deps);
        }
      }
      if (needsAll && failedDep) {
        blocked++;
        if (j.finalStatus.getInteger("attempt_number", 0) > 0 || runs.containsKey(j.id)) {
          bad.add(j.id + ": ran though a dependency it needed finished did not finish: " + deps);
        }
      }
    }
    return new Verdict(
        "no job ran before its dependencies ended; dependency_failed only when one did not finish",
        String.format(
            "%d jobs with dependencies (%d dispatches and %d starts checked; %d with a dependency"
                + " of unknown end skipped); %d canceled with dependency_failed, %d with a needed"
                + " dependency that did not finish",
            dependent, dispatches, started, unknown, canceled, blocked),
        bad);
  }

  Verdict attempts(int defaultMaxAttempts) {
    List<String> bad = new ArrayList<>();
    int checked = 0;
    int retried = 0;
    int exempt = 0;
    int most = 0;
    for (TrackedJob j : jobs.values()) {
      if (j.finalStatus == null) {
        continue;
      }
      int attempts = j.finalStatus.getInteger("attempt_number", 0);
      most = Math.max(most, attempts);
      int ran = 0;
      for (Journals.Run r : runs.getOrDefault(j.id, List.of())) {
        ran = Math.max(ran, r.attempt());
      }
      if (ran > attempts) {
        bad.add(j.id + ": agents ran attempt " + ran + ", the coordinator counts " + attempts);
      }
      if (!j.requeues.isEmpty()) {
        exempt++;
        continue;
      }
      JsonObject retry = j.finalInfo == null ? null : j.finalInfo.getJsonObject("retry");
      int max =
          retry == null ? defaultMaxAttempts : retry.getInteger("max_attempts", defaultMaxAttempts);
      checked++;
      if (attempts > 1) {
        retried++;
      }
      if (attempts > max) {
        bad.add(j.id + ": " + attempts + " attempts, max_attempts " + max);
      }
    }
    return new Verdict(
        "retries never exceeded max_attempts",
        String.format(
            "%d jobs checked against their max_attempts (%d tried more than once; %d requeued by"
                + " an operator exempt, most attempts of any job %d), and every job's runs against"
                + " its attempt count",
            checked, retried, exempt, most),
        bad);
  }

  /** When a dependency ended: its finished_at; when deleted, when the first delete was sent. */
  private static Long endOf(TrackedJob d) {
    if (!d.finalKnown) {
      return null;
    }
    if (d.finalStatus == null) {
      // Deleted: it ended no earlier than the last look that saw it exist and not ended.
      long seen = Long.MIN_VALUE;
      for (Observation o : d.observations) {
        if (o.exists() && !o.terminal()) {
          seen = Math.max(seen, o.sentWall());
        }
      }
      return seen == Long.MIN_VALUE ? null : seen;
    }
    if (!Observation.isTerminal(d.finalStatus.getString("status"))) {
      return null;
    }
    return EpochTime.parseMillis(d.finalStatus.getValue("finished_at"));
  }

  private static Set<Long> dispatchTimes(JsonObject status) {
    Set<Long> out = new TreeSet<>();
    for (Object o : status.getJsonArray("history", new JsonArray())) {
      if (o instanceof JsonObject h) {
        Long t = EpochTime.parseMillis(h.getValue("dispatched_at"));
        if (t != null) {
          out.add(t);
        }
      }
    }
    Long current = EpochTime.parseMillis(status.getValue("dispatched_at"));
    if (current != null) {
      out.add(current);
    }
    return out;
  }
}
