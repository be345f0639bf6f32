package eu.opeva.coordinator.agent;

import java.util.Set;

/**
 * Signals to a job's process tree. Blocking (it reads the process table): call on the agent's
 * worker pool.
 */
final class ProcessTree {
  private ProcessTree() {}

  /**
   * SIGTERM (or SIGKILL when {@code force}) to {@code root} and every descendant seen so far; the
   * descendants found now are added to {@code seen}, so that a later kill still reaches processes
   * re-parented after their parent died. When the root is a {@link JobWrapper} ({@code
   * rootForwards}), its own children get no SIGTERM from here: the wrapper forwards its SIGTERM to
   * the job, so each process gets one.
   */
  static void signal(
      ProcessHandle root, Set<ProcessHandle> seen, boolean force, boolean rootForwards) {
    Set<ProcessHandle> direct = rootForwards ? Set.copyOf(root.children().toList()) : Set.of();
    synchronized (seen) {
      root.descendants().forEach(seen::add);
      for (ProcessHandle p : seen) {
        if (force) {
          p.destroyForcibly();
        } else if (!direct.contains(p)) {
          p.destroy();
        }
      }
    }
    if (force) {
      root.destroyForcibly();
    } else {
      root.destroy();
    }
  }
}
