package eu.opeva.coordinator.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A started job: the OS process (the {@link JobWrapper} around the job, or the Docker CLI attached
 * to its container) whose stdout and stderr go straight into the job's log file, so output keeps
 * flowing without the agent copying it. Remembers the process's descendants so a kill also reaches
 * them after re-parenting. A wrapped job's stdin is a pipe the agent holds open and never writes:
 * it closes when the agent dies, and the wrapper then ends the job.
 */
final class JobProcess {
  private final Process process;
  private final Future<Integer> exit;
  private final String name;
  private final boolean wrapped;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();

  private JobProcess(Process process, Future<Integer> exit, String name, boolean wrapped) {
    this.process = process;
    this.exit = exit;
    this.name = name;
    this.wrapped = wrapped;
  }

  /**
   * Blocking: call on the agent's worker pool. {@code wrapped}: stdin is a pipe from the agent (for
   * the {@link JobWrapper}); otherwise {@code /dev/null}.
   */
  static Process spawn(List<String> command, LaunchPlan plan, Path logFile, boolean wrapped)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(plan.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()))
            .redirectInput(wrapped ? Redirect.PIPE : Redirect.from(new File("/dev/null")));
    pb.environment().putAll(plan.env());
    return pb.start();
  }

  /** A started job; its exit is delivered on {@code context} (the agent's event loop). */
  static JobProcess of(Process process, Context context, String name, boolean wrapped) {
    return new JobProcess(process, exitCode(process, context), name, wrapped);
  }

  /** The process's exit code, completed on {@code context}. Nothing waits for the process. */
  static Future<Integer> exitCode(Process process, Context context) {
    return Future.fromCompletionStage(process.onExit(), context).map(Process::exitValue);
  }

  long pid() {
    return process.pid();
  }

  /** The container (or job) name it was started under. */
  String name() {
    return name;
  }

  Future<Integer> exit() {
    return exit;
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Blocking: SIGTERM (or SIGKILL when {@code force}) to the process and every descendant seen so
   * far (a wrapper forwards SIGTERM to its job).
   */
  void signal(boolean force) {
    ProcessTree.signal(process.toHandle(), seen, force, wrapped);
  }
}
