package eu.opeva.coordinator.chaos;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents' run journals ({@code <state dir>/journal.jsonl}, see docs/agent.md) read back as
 * runs: one per {@code started} line, from its time to the end the evidence gives it.
 *
 * <ul>
 *   <li>an {@code ended} line of the same life: the agent saw the process exit then;
 *   <li>else, when the agent was killed during the run: the first moment the driver saw the run's
 *       wrapper process gone after the kill, or the {@code leftover} line of a later life (the
 *       agent found it gone or stopped it then), whichever is earlier; both are no earlier than the
 *       process's real end;
 *   <li>else the run is open ({@link Long#MAX_VALUE}).
 * </ul>
 *
 * A {@code started} line is written right after the process was spawned, so a run's start is late
 * by the time that takes (a fork and two fsyncs), never early by more.
 */
final class Journals {
  static final String JOURNAL = "journal.jsonl";

  /** One journal line. */
  record Line(
      String event, String jobId, int attempt, Long pid, long atWall, String status, String why) {}

  /** One run of one attempt on one agent; {@code end} is MAX_VALUE while open. */
  record Run(
      String worker, String jobId, int attempt, Long pid, long start, long end, String endedBy) {
    boolean open() {
      return end == Long.MAX_VALUE;
    }
  }

  /** Lines read and lines that could not be (a line torn by a kill). */
  record Read(List<Line> lines, int unreadable) {}

  private Journals() {}

  static Path of(Path shared, String worker) {
    return shared.resolve(".agents").resolve(worker).resolve(JOURNAL);
  }

  static Read read(Path journal) {
    List<Line> lines = new ArrayList<>();
    int bad = 0;
    if (!Files.exists(journal)) {
      return new Read(lines, 0);
    }
    List<String> text;
    try {
      text = Files.readAllLines(journal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String raw : text) {
      if (raw.isBlank()) {
        continue;
      }
      try {
        JsonObject j = new JsonObject(raw);
        Object at = j.getValue("at");
        lines.add(
            new Line(
                j.getString("event"),
                j.getString("job_id"),
                j.getInteger("attempt", 0),
                j.getLong("pid"),
                new BigDecimal(String.valueOf(at)).movePointRight(3).longValue(),
                j.getString("status"),
                j.getString("reason")));
      } catch (DecodeException | ClassCastException | NumberFormatException e) {
        bad++;
      }
    }
    return new Read(lines, bad);
  }

  /** Runs started in {@code life} that the journal does not show ended. */
  static List<Line> openIn(List<Line> lines, AgentLife life) {
    Map<String, Line> open = new LinkedHashMap<>();
    for (Line l : lines) {
      String key = AgentLife.key(l.jobId(), l.attempt());
      if ("started".equals(l.event())) {
        if (l.atWall() >= life.startWall) {
          open.put(key, l);
        }
      } else {
        open.remove(key);
      }
    }
    return new ArrayList<>(open.values());
  }

  /** The runs of one agent, given its lives (in order). */
  static List<Run> runs(String worker, List<Line> lines, List<AgentLife> lives) {
    Map<String, Line> open = new LinkedHashMap<>();
    Map<String, AgentLife> openLife = new LinkedHashMap<>();
    List<Run> runs = new ArrayList<>();
    for (Line l : lines) {
      String key = AgentLife.key(l.jobId(), l.attempt());
      Line start = open.get(key);
      if ("started".equals(l.event())) {
        if (start != null) {
          runs.add(close(worker, start, openLife.get(key), Long.MAX_VALUE, "restarted"));
        }
        open.put(key, l);
        openLife.put(key, lifeAt(lives, l.atWall()));
      } else if (start != null) {
        AgentLife life = openLife.get(key);
        boolean sameLife = life == null || !life.killed() || l.atWall() <= life.killWall;
        if ("ended".equals(l.event()) && sameLife) {
          runs.add(
              new Run(
                  worker,
                  l.jobId(),
                  l.attempt(),
                  start.pid(),
                  start.atWall(),
                  l.atWall(),
                  "ended"));
        } else {
          runs.add(close(worker, start, life, l.atWall(), l.event()));
        }
        open.remove(key);
        openLife.remove(key);
      }
    }
    open.forEach(
        (key, start) -> runs.add(close(worker, start, openLife.get(key), Long.MAX_VALUE, "open")));
    return runs;
  }

  /** A run whose agent was killed: ended by the observed death of its process, or {@code end}. */
  private static Run close(String worker, Line start, AgentLife life, long end, String by) {
    Long death = life == null ? null : life.deathOf(AgentLife.key(start.jobId(), start.attempt()));
    long at = end;
    String how = by;
    if (life != null && life.killed() && death != null && death < end) {
      at = death;
      how = "died with its agent";
    }
    return new Run(worker, start.jobId(), start.attempt(), start.pid(), start.atWall(), at, how);
  }

  private static AgentLife lifeAt(List<AgentLife> lives, long wall) {
    AgentLife found = null;
    for (AgentLife l : lives) {
      if (l.startWall <= wall) {
        found = l;
      }
    }
    return found;
  }
}
