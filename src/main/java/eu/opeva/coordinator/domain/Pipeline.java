package eu.opeva.coordinator.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Jobs created together, each a node with a key, linked by dependencies between keys. Each node
 * points at its newest job ({@code jobId}) and remembers the jobs it had before ({@code previous},
 * oldest first). {@code pending} is a change being made (a creation or a re-run): the jobs it names
 * exist only once the pipeline is written without it, so a crash half-way is undone at start.
 * {@code origin}: the job or schedule that created it, and its idempotency key and answer.
 */
public record Pipeline(
    String pipelineId,
    String name,
    String submittedBy,
    long createdAt,
    long updatedAt,
    List<Node> nodes,
    Pending pending,
    JobOrigin origin) {

  public record Node(
      String key, List<String> dependsOn, RunIf runIf, String jobId, List<String> previous) {
    public Node {
      dependsOn = List.copyOf(dependsOn);
      previous = previous == null ? List.of() : List.copyOf(previous);
    }

    /** The node pointing at a new job, the old one remembered. */
    Node rerunAs(String newJobId) {
      List<String> all = new ArrayList<>(previous);
      all.add(jobId);
      return new Node(key, dependsOn, runIf, newJobId, all);
    }
  }

  /**
   * A change not yet made: {@code creation} (the pipeline itself is new) or a re-run; the jobs by
   * key, and the config files the change writes besides the jobs' folders.
   */
  public record Pending(boolean creation, Map<String, String> jobs, List<String> configFiles) {
    public Pending {
      jobs = Map.copyOf(jobs);
      configFiles = List.copyOf(configFiles);
    }
  }

  public enum State {
    RUNNING,
    FINISHED,
    FAILED,
    CANCELED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Pipeline {
    nodes = List.copyOf(nodes);
    origin = origin == null ? JobOrigin.NONE : origin;
  }

  public Node node(String key) {
    for (Node n : nodes) {
      if (n.key().equals(key)) {
        return n;
      }
    }
    return null;
  }

  /** Current job ids by key, in node order. */
  public Map<String, String> jobs() {
    Map<String, String> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n.key(), n.jobId()));
    return out;
  }

  /**
   * The pipeline's status from its current jobs' ({@code statusOf}: null for a deleted job, which
   * counts as canceled): running while any has not ended, else finished when all finished, failed
   * when any failed, else canceled.
   */
  public State state(Function<String, JobStatus> statusOf) {
    boolean failed = false;
    boolean allFinished = true;
    for (Node n : nodes) {
      JobStatus s = statusOf.apply(n.jobId());
      if (s != null && !s.isTerminal()) {
        return State.RUNNING;
      }
      failed |= s == JobStatus.FAILED;
      allFinished &= s == JobStatus.FINISHED;
    }
    return allFinished ? State.FINISHED : failed ? State.FAILED : State.CANCELED;
  }

  /** The same pipeline with a change under way. */
  public Pipeline pending(Pending change, long now) {
    return new Pipeline(pipelineId, name, submittedBy, createdAt, now, nodes, change, origin);
  }

  /** The pipeline once the pending re-run is made: its nodes point at their new jobs. */
  public Pipeline rerunMade(long now) {
    List<Node> next = new ArrayList<>();
    for (Node n : nodes) {
      String newId = pending == null ? null : pending.jobs().get(n.key());
      next.add(newId == null ? n : n.rerunAs(newId));
    }
    return new Pipeline(pipelineId, name, submittedBy, createdAt, now, next, null, origin);
  }

  /** The pipeline with its pending change dropped (undone). */
  public Pipeline withoutPending() {
    return new Pipeline(pipelineId, name, submittedBy, createdAt, updatedAt, nodes, null, origin);
  }
}
