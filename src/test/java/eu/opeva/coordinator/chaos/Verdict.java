package eu.opeva.coordinator.chaos;

import java.util.List;

/** One invariant's outcome: a line of counts, and what broke it (empty when it holds). */
record Verdict(String name, String summary, List<String> violations) {
  static final int SHOWN = 15;

  Verdict {
    violations = List.copyOf(violations);
  }

  boolean holds() {
    return violations.isEmpty();
  }

  /** The summary line and, when broken, the first violations. */
  String render() {
    StringBuilder out =
        new StringBuilder()
            .append(holds() ? "chaos: ok    " : "chaos: FAIL  ")
            .append(name)
            .append(": ")
            .append(summary);
    if (!holds()) {
      out.append("\n        ").append(violations.size()).append(" violation(s):");
      violations.stream().limit(SHOWN).forEach(v -> out.append("\n        - ").append(v));
      if (violations.size() > SHOWN) {
        out.append("\n        - ... and ").append(violations.size() - SHOWN).append(" more");
      }
    }
    return out.toString();
  }
}
