package eu.opeva.coordinator.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants on what ran, from the agents' own journals: no job ever had two attempts running
 * at once (on one agent or across agents, across agent restarts), each attempt ran at most once,
 * every run ended; and the job processes of a SIGKILLed agent were gone within the wrapper's grace
 * and a margin ({@link Fleet#DEATH_WATCH_MS}).
 */
final class RunChecks {
  private final List<Journals.Run> runs;
  private final List<AgentLife> lives;
  private final int unreadable;

  RunChecks(List<Journals.Run> runs, List<AgentLife> lives, int unreadable) {
    this.runs = runs;
    this.lives = lives;
    this.unreadable = unreadable;
  }

  Map<String, List<Journals.Run>> byJob() {
    Map<String, List<Journals.Run>> out = new HashMap<>();
    for (Journals.Run r : runs) {
      out.computeIfAbsent(r.jobId(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  Verdict oneAttemptAtATime() {
    List<String> bad = new ArrayList<>();
    int multi = 0;
    int crossAgent = 0;
    Map<String, Integer> endings = new HashMap<>();
    for (Journals.Run r : runs) {
      endings.merge(r.endedBy(), 1, Integer::sum);
      if (r.open()) {
        bad.add(r.jobId() + ": attempt " + r.attempt() + " on " + r.worker() + " never ended");
      }
    }
    for (Map.Entry<String, List<Journals.Run>> e : byJob().entrySet()) {
      List<Journals.Run> of = new ArrayList<>(e.getValue());
      if (of.size() < 2) {
        continue;
      }
      multi++;
      if (of.stream().map(Journals.Run::worker).distinct().count() > 1) {
        crossAgent++;
      }
      of.sort(Comparator.comparingLong(Journals.Run::start));
      for (int i = 0; i < of.size(); i++) {
        for (int k = i + 1; k < of.size(); k++) {
          Journals.Run a = of.get(i);
          Journals.Run b = of.get(k);
          if (a.attempt() == b.attempt()) {
            bad.add(
                e.getKey()
                    + ": attempt "
                    + a.attempt()
                    + " started twice ("
                    + a.worker()
                    + ", "
                    + b.worker()
                    + ")");
          } else if (b.start() < a.end()) {
            bad.add(
                String.format(
                    "%s: attempt %d on %s started at %d while attempt %d on %s ran (%d to %s, %s)",
                    e.getKey(),
                    b.attempt(),
                    b.worker(),
                    b.start(),
                    a.attempt(),
                    a.worker(),
                    a.start(),
                    a.open() ? "never ended" : String.valueOf(a.end()),
                    a.endedBy()));
          }
        }
      }
    }
    return new Verdict(
        "no job ever had two attempts running at once",
        String.format(
            "%d runs in the agents' journals (ended by %s; %d torn lines), %d jobs ran more than"
                + " once (%d of them on more than one agent); %d overlaps, twice-started or"
                + " unended runs",
            runs.size(), endings, unreadable, multi, crossAgent, bad.size()),
        bad);
  }

  Verdict diedWithAgents() {
    List<String> bad = new ArrayList<>();
    int killed = 0;
    int open = 0;
    long slowest = 0;
    for (AgentLife life : lives) {
      if (!life.killed()) {
        continue;
      }
      killed++;
      for (Map.Entry<String, Long> d : life.deaths().entrySet()) {
        open++;
        if (d.getValue() == null) {
          bad.add(
              d.getKey()
                  + ": still ran "
                  + Fleet.DEATH_WATCH_MS / 1000
                  + " s after "
                  + life.worker
                  + " (life "
                  + life.number
                  + ") was killed");
        } else {
          slowest = Math.max(slowest, d.getValue() - life.killWall);
        }
      }
    }
    return new Verdict(
        "job processes died with their SIGKILLed agent",
        String.format(
            "%d agent kills with %d runs in flight; %d gone within the limit of %d ms, the slowest"
                + " after %d ms",
            killed, open, open - bad.size(), Fleet.DEATH_WATCH_MS, slowest),
        bad);
  }
}
