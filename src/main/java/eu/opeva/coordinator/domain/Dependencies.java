package eu.opeva.coordinator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Whether a job's dependencies let it run, from each dependency's status (null for a job that no
 * longer exists: deleted, which counts as ended without finishing).
 */
public final class Dependencies {
  /** The error of a job canceled because a dependency can no longer finish. */
  public static final String DEPENDENCY_FAILED = "dependency_failed";

  private Dependencies() {}

  public enum Kind {
    /** Every dependency ended as the job needs: it may be queued. */
    READY,
    /** Some dependencies have not ended yet ({@code pending}). */
    WAIT,
    /** A dependency ended in a way that rules the job out ({@code blocker}). */
    BLOCKED
  }

  public record Verdict(Kind kind, List<String> pending, String blocker) {
    public Verdict {
      pending = List.copyOf(pending);
    }
  }

  public static Verdict evaluate(Scheduling s, Function<String, JobStatus> statusOf) {
    List<String> pending = new ArrayList<>();
    for (String dep : s.dependsOn()) {
      JobStatus status = statusOf.apply(dep);
      boolean ended = status == null || status.isTerminal();
      if (!ended) {
        pending.add(dep);
      } else if (s.runIf() == RunIf.ALL_FINISHED && status != JobStatus.FINISHED) {
        return new Verdict(Kind.BLOCKED, pending, dep);
      }
    }
    return new Verdict(pending.isEmpty() ? Kind.READY : Kind.WAIT, pending, null);
  }
}
