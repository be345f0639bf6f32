package eu.opeva.coordinator.agent;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The still-running process of a {@link RunRecord} of an earlier life of the agent. Its pid alone
 * proves nothing (pids are reused): it is that run only if its command line names the job (the
 * {@link JobWrapper}'s {@code $0}, the Docker CLI's labels and arguments) and it started no later
 * than the record says. Blocking (it reads the process table): call on the agent's worker pool.
 */
final class OldProcess {
  /** How much later than the record's start the process may seem to start (clock resolution). */
  static final Duration START_SLACK = Duration.ofSeconds(5);

  private final ProcessHandle handle;
  private final boolean wrapped;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();

  private OldProcess(ProcessHandle handle, boolean wrapped) {
    this.handle = handle;
    this.wrapped = wrapped;
  }

  /** The run's process if it is still alive; null otherwise. */
  static OldProcess find(RunRecord run) {
    if (run.pid() <= 0 || run.pid() == ProcessHandle.current().pid()) {
      return null;
    }
    Optional<ProcessHandle> alive =
        ProcessHandle.of(run.pid())
            .filter(ProcessHandle::isAlive)
            .filter(h -> isRun(h.info(), run));
    return alive.map(h -> new OldProcess(h, "process".equals(run.runner()))).orElse(null);
  }

  /** Whether a process with this info is the run's: named so, and not started after it. */
  static boolean isRun(ProcessHandle.Info info, RunRecord run) {
    String commandLine =
        info.commandLine()
            .or(() -> info.arguments().map(args -> String.join(" ", args)))
            .orElse("");
    boolean named = commandLine.contains(run.jobId());
    boolean early =
        run.startedAtMillis() <= 0
            || info.startInstant()
                .map(t -> t.toEpochMilli() <= run.startedAtMillis() + START_SLACK.toMillis())
                .orElse(true);
    return named && early;
  }

  ProcessHandle handle() {
    return handle;
  }

  /** SIGTERM (SIGKILL when {@code force}) to the process and its descendants. */
  Void signal(boolean force) {
    ProcessTree.signal(handle, seen, force, wrapped);
    return null;
  }
}
