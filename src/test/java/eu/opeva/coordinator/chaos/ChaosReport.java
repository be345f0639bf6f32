package eu.opeva.coordinator.chaos;

import java.nio.file.Path;
import java.util.List;

/** What a chaos run did and found: its summary lines and one verdict per invariant. */
public record ChaosReport(long seed, List<String> summary, List<Verdict> verdicts, Path runDir) {
  public ChaosReport {
    summary = List.copyOf(summary);
    verdicts = List.copyOf(verdicts);
  }

  public boolean passed() {
    return verdicts.stream().allMatch(Verdict::holds);
  }

  /** The summary, every verdict, and the closing line (with the seed to repeat a failure). */
  public String render() {
    StringBuilder out = new StringBuilder();
    summary.forEach(l -> out.append(l).append('\n'));
    verdicts.forEach(v -> out.append(v.render()).append('\n'));
    long broken = verdicts.stream().filter(v -> !v.holds()).count();
    if (broken == 0) {
      out.append("chaos: PASSED: all ")
          .append(verdicts.size())
          .append(" invariants hold (seed ")
          .append(seed)
          .append(")");
    } else {
      out.append("chaos: FAILED: ")
          .append(broken)
          .append(" of ")
          .append(verdicts.size())
          .append(" invariants broken; repeat with CHAOS_SEED=")
          .append(seed)
          .append("; processes' logs and journals kept in ")
          .append(runDir);
    }
    return out.toString();
  }
}
