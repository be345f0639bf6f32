package eu.opeva.coordinator.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The POSIX {@code sh} wrapper every process-runner job is started through, so that the job dies
 * with its agent. The wrapper's stdin is a pipe from the agent, which never writes to it: when the
 * pipe reaches end of file the agent is gone (even SIGKILLed), and the wrapper sends the job
 * SIGTERM, then SIGKILL after the grace. A SIGTERM to the wrapper is forwarded to the job. The
 * wrapper exits with the job's exit code and writes nothing of its own (its stderr is {@code
 * /dev/null}; the job keeps the log as stdout and stderr, and {@code /dev/null} as stdin).
 *
 * <p>Its {@code $0} names the job and attempt ({@code opeva-job:<job id>:<attempt>}), so that a
 * later agent can tell, from the process's command line, that a pid is still this job.
 */
final class JobWrapper {
  static final String SCRIPT =
      String.join(
          "\n",
          "grace=$1",
          "shift",
          // fd 3: the agent's pipe; fd 4: the log, for the job's stderr.
          "exec 3<&0 4>&2 </dev/null 2>/dev/null",
          "\"$@\" 2>&4 3<&- 4>&- &",
          "job=$!",
          "term=0",
          "trap 'term=1; kill -TERM \"$job\"' TERM",
          "(",
          "  trap '' TERM",
          "  exec 4>&-",
          "  while read -r _ <&3; do :; done",
          "  kill -TERM \"$job\"",
          "  sleep \"$grace\"",
          "  kill -KILL \"$job\"",
          ") &",
          "watcher=$!",
          "exec 3<&- 4>&-",
          // Like its job (a background job), the wrapper ignores SIGINT and SIGQUIT.
          "trap '' INT QUIT",
          // A SIGTERM interrupts wait: wait again, for the job's own exit code.
          "while :; do",
          "  term=0",
          "  wait \"$job\"",
          "  code=$?",
          "  [ \"$term\" = 1 ] || break",
          "done",
          "kill -KILL \"$watcher\"",
          "exit \"$code\"");

  private JobWrapper() {}

  /** The wrapper's {@code $0} for one attempt of a job. */
  static String name(String jobId, Integer attempt) {
    return "opeva-job:" + jobId + ":" + (attempt == null ? 0 : attempt);
  }

  /** The command line that runs {@code command} through the wrapper. */
  static List<String> wrap(List<String> command, String name, Duration grace) {
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", SCRIPT, name, seconds(grace)));
    wrapped.addAll(command);
    return List.copyOf(wrapped);
  }

  private static String seconds(Duration grace) {
    return String.valueOf(Math.max(1, (grace.toMillis() + 999) / 1000));
  }

  /**
   * Blocking: fails as {@link ProcessBuilder#start()} would when the job's program cannot be run
   * (the wrapper itself always starts), so such a job is reported as not started, as before.
   */
  static void requireRunnable(List<String> command, Path workDir) throws IOException {
    String program = command.get(0);
    if (program.contains("/")) {
      Path path = workDir.resolve(program);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw cannotRun(program, workDir, Files.exists(path));
      }
      return;
    }
    String searchPath = System.getenv().getOrDefault("PATH", "");
    for (String dir : searchPath.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return;
      }
    }
    throw cannotRun(program, workDir, false);
  }

  private static IOException cannotRun(String program, Path workDir, boolean exists) {
    return new IOException(
        "Cannot run program \""
            + program
            + "\" (in directory \""
            + workDir
            + "\"): "
            + (exists ? "error=13, Permission denied" : "error=2, No such file or directory"));
  }
}
