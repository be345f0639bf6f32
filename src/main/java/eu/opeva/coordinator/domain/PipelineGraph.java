package eu.opeva.coordinator.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A pipeline's graph: keys and the keys each depends on. Checks it whole (duplicate keys, unknown
 * keys, cycles), orders it (every node after its dependencies) and picks what a re-run needs.
 */
public final class PipelineGraph {
  private final Map<String, List<String>> deps;

  private PipelineGraph(Map<String, List<String>> deps) {
    this.deps = deps;
  }

  /** One node as submitted: its key and the keys it depends on. */
  public record Edge(String key, List<String> dependsOn) {}

  /**
   * The graph, or the first problem as a sentence naming the keys: a duplicate key, a dependency on
   * a key that is not in the pipeline, or a cycle (shown as {@code a -> b -> a}).
   */
  public static Result check(List<Edge> nodes) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (Edge n : nodes) {
      if (deps.put(n.key(), List.copyOf(n.dependsOn())) != null) {
        duplicates.add(n.key());
      }
    }
    if (!duplicates.isEmpty()) {
      return Result.problem("duplicate keys: " + String.join(", ", duplicates));
    }
    List<String> unknown = new ArrayList<>();
    for (var e : deps.entrySet()) {
      for (String d : e.getValue()) {
        if (!deps.containsKey(d)) {
          unknown.add("'" + e.getKey() + "' depends on unknown key '" + d + "'");
        }
      }
    }
    if (!unknown.isEmpty()) {
      return Result.problem(String.join("; ", unknown));
    }
    PipelineGraph graph = new PipelineGraph(deps);
    Optional<List<String>> cycle = graph.cycle();
    if (cycle.isPresent()) {
      return Result.problem("cycle: " + String.join(" -> ", cycle.get()));
    }
    return new Result(graph, null);
  }

  public record Result(PipelineGraph graph, String problem) {
    static Result problem(String problem) {
      return new Result(null, problem);
    }
  }

  /** Every key after the keys it depends on (submission order otherwise). */
  public List<String> ordered() {
    List<String> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (String key : deps.keySet()) {
      visit(key, done, out);
    }
    return out;
  }

  private void visit(String key, Set<String> done, List<String> out) {
    if (done.add(key)) {
      for (String d : deps.get(key)) {
        visit(d, done, out);
      }
      out.add(key);
    }
  }

  /**
   * What a re-run of {@code named} runs: the named keys, and their predecessors, transitively,
   * except those that already finished ({@code finished}) unless {@code force}; a skipped
   * predecessor's own predecessors are not needed either. In graph order.
   */
  public List<String> rerunSelection(Set<String> named, boolean force, Predicate<String> finished) {
    Set<String> chosen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(named);
    while (!todo.isEmpty()) {
      String key = todo.pop();
      if (!chosen.add(key)) {
        continue;
      }
      for (String d : deps.get(key)) {
        if (force || !finished.test(d)) {
          todo.push(d);
        }
      }
    }
    return ordered().stream().filter(chosen::contains).toList();
  }

  public boolean contains(String key) {
    return deps.containsKey(key);
  }

  public List<String> dependsOn(String key) {
    return deps.get(key);
  }

  /** A cycle as a path of keys that starts and ends with the same key, if there is one. */
  private Optional<List<String>> cycle() {
    Map<String, Integer> state = new HashMap<>(); // 1: on the path, 2: done
    Deque<String> path = new ArrayDeque<>();
    for (String key : deps.keySet()) {
      Optional<List<String>> c = cycleFrom(key, state, path);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> cycleFrom(
      String key, Map<String, Integer> state, Deque<String> path) {
    Integer s = state.get(key);
    if (s != null && s == 2) {
      return Optional.empty();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>();
      boolean in = false;
      for (var it = path.descendingIterator(); it.hasNext(); ) {
        String k = it.next();
        in |= k.equals(key);
        if (in) {
          cycle.add(k);
        }
      }
      cycle.add(key);
      return Optional.of(cycle);
    }
    state.put(key, 1);
    path.push(key);
    for (String d : deps.get(key)) {
      Optional<List<String>> c = cycleFrom(d, state, path);
      if (c.isPresent()) {
        return c;
      }
    }
    path.pop();
    state.put(key, 2);
    return Optional.empty();
  }
}
