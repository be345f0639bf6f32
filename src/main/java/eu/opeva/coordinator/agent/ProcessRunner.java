package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.domain.JobFields.MEMORY_MB;
import static eu.opeva.coordinator.domain.JobFields.TIMEOUT_SECONDS;

import eu.opeva.coordinator.domain.Resources;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a job as a local process, for hosts without Docker and for tests. The command is the agent's
 * own process command, else the coordinator's {@code jobs.process_command} from the payload, else
 * the bundled sample simulation; the payload's arguments follow, with container paths under {@code
 * /data} rewritten to the shared directory (also given to the job as {@code OPEVA_DATA_DIR}).
 * Limits: {@code timeout_seconds} (enforced by the agent) and {@code memory_mb} as the process's
 * data-segment limit ({@code ulimit -d}: heap, malloc and private memory); {@code cpus} is not
 * enforced by this runner. Jobs start through the {@link JobWrapper}, so they die with the agent.
 */
final class ProcessRunner implements JobRunner {
  static final String DATA_DIR_ENV = "OPEVA_DATA_DIR";

  private final BlockingIo io;
  private final Path sharedDir;
  private final List<String> ownCommand;

  ProcessRunner(BlockingIo io, Path sharedDir, List<String> ownCommand) {
    this.io = io;
    this.sharedDir = sharedDir;
    this.ownCommand = ownCommand;
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public LaunchPlan plan(JobPayload job, Path jobDir) {
    List<String> command = new ArrayList<>();
    Map<String, Object> limits = new LinkedHashMap<>();
    Resources resources = job.resources();
    if (resources.memoryMb() != null) {
      long kib = resources.memoryMb() * 1024L;
      command.addAll(List.of("sh", "-c", "ulimit -d " + kib + " && exec \"$@\"", "opeva-job"));
      limits.put(MEMORY_MB, resources.memoryMb());
      limits.put("memory_enforced_as", "ulimit -d (data segment)");
    }
    if (resources.timeoutSeconds() != null) {
      limits.put(TIMEOUT_SECONDS, resources.timeoutSeconds());
    }
    if (resources.cpus() != null) {
      limits.put("cpus_not_enforced", resources.cpus());
    }
    command.addAll(
        !ownCommand.isEmpty()
            ? ownCommand
            : !job.processCommand().isEmpty() ? job.processCommand() : SampleCommand.get());
    String data = job.containerDataPath();
    for (String arg : job.args()) {
      command.add(toHostPath(arg, data));
    }
    Map<String, String> env = new LinkedHashMap<>(job.env());
    env.put(DATA_DIR_ENV, sharedDir.toString());
    env.put(AgentProtocol.JOB_ID_ENV, job.jobId());
    return new LaunchPlan(List.copyOf(command), env, jobDir, limits);
  }

  /** {@code /data/x} and {@code --opt=/data/x} name the shared directory on this host. */
  String toHostPath(String arg, String data) {
    int eq = arg.startsWith("-") ? arg.indexOf('=') : -1;
    String prefix = eq >= 0 ? arg.substring(0, eq + 1) : "";
    String value = eq >= 0 ? arg.substring(eq + 1) : arg;
    if (value.equals(data)) {
      return prefix + sharedDir;
    }
    if (value.startsWith(data + "/")) {
      return prefix + sharedDir.resolve(value.substring(data.length() + 1));
    }
    return arg;
  }

  /** Through the {@link JobWrapper}, so the job dies with the agent. */
  @Override
  public Process spawn(JobPayload job, LaunchPlan plan, Path log, Duration grace)
      throws IOException {
    JobWrapper.requireRunnable(plan.command(), plan.workDir());
    List<String> wrapped =
        JobWrapper.wrap(plan.command(), JobWrapper.name(job.jobId(), job.attempt()), grace);
    return JobProcess.spawn(wrapped, plan, log, true);
  }

  @Override
  public boolean wrapped() {
    return true;
  }

  @Override
  public Future<Void> terminate(JobProcess process, Duration grace) {
    return io.run(
            () -> {
              process.signal(false);
              return null;
            })
        .onSuccess(
            v ->
                io.vertx()
                    .setTimer(
                        Math.max(1, grace.toMillis()),
                        t -> {
                          if (!process.exit().isComplete()) {
                            kill(process);
                          }
                        }))
        .mapEmpty();
  }

  @Override
  public Future<Void> kill(JobProcess process) {
    return io.run(
        () -> {
          process.signal(true);
          return null;
        });
  }

  @Override
  public String containerId(JobProcess process) {
    return "process-" + process.pid();
  }
}
