package eu.opeva.coordinator.agent;

import static eu.opeva.coordinator.domain.JobFields.CPUS;
import static eu.opeva.coordinator.domain.JobFields.GPUS;
import static eu.opeva.coordinator.domain.JobFields.MEMORY_MB;
import static eu.opeva.coordinator.domain.JobFields.TIMEOUT_SECONDS;

import eu.opeva.coordinator.domain.Resources;
import eu.opeva.coordinator.protocol.AgentProtocol;
import eu.opeva.coordinator.protocol.JobPayload;
import eu.opeva.coordinator.storage.BlockingIo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a job's container with the Docker CLI, attached, so the container's output goes to the log
 * file and the CLI's exit code is the container's. The container is named after the payload's
 * {@code container_name} (which ends in the attempt) and labelled {@code opeva.worker}, {@code
 * opeva.job} and {@code opeva.attempt}. The shared volume (the payload's first) is mounted from
 * this host's shared directory; environment values are passed by name only ({@code -e NAME}) so
 * they never show in the process list. Limits map to {@code --cpus} and {@code --memory} (swap
 * included), GPUs to {@code --gpus N}; the timeout is enforced by the agent with {@code docker
 * stop}. The container id comes from the {@code --cidfile} written in the job's folder, one per
 * attempt.
 */
final class DockerRunner implements JobRunner {
  private final BlockingIo io;
  private final Context context;
  private final Path sharedDir;
  private final String workerId;
  private final Optional<String> network;
  private final ContainerIds containerIds;

  DockerRunner(
      BlockingIo io, Context context, Path sharedDir, String workerId, Optional<String> network) {
    this.io = io;
    this.context = context;
    this.sharedDir = sharedDir;
    this.workerId = workerId;
    this.network = network;
    this.containerIds = new ContainerIds(io);
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public LaunchPlan plan(JobPayload job, Path jobDir) {
    Path cidFile =
        jobDir.resolve(".container-" + (job.attempt() == null ? 0 : job.attempt()) + ".cid");
    containerIds.expect(job.containerName(), cidFile);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "docker",
                "run",
                "--rm",
                "--name",
                job.containerName(),
                "--cidfile",
                cidFile.toString(),
                "--label",
                "opeva.job=" + job.jobId(),
                "--label",
                "opeva.worker=" + workerId));
    if (job.attempt() != null) {
      cmd.addAll(List.of("--label", "opeva.attempt=" + job.attempt()));
    }
    network.ifPresent(n -> cmd.addAll(List.of("--network", n)));
    Map<String, Object> limits = new LinkedHashMap<>();
    Resources resources = job.resources();
    if (resources.cpus() != null) {
      cmd.addAll(List.of("--cpus", decimal(resources.cpus())));
      limits.put(CPUS, resources.cpus());
    }
    if (resources.memoryMb() != null) {
      String mb = resources.memoryMb() + "m";
      cmd.addAll(List.of("--memory", mb, "--memory-swap", mb));
      limits.put(MEMORY_MB, resources.memoryMb());
    }
    if (resources.gpus() != null && resources.gpus() > 0) {
      cmd.addAll(List.of("--gpus", String.valueOf(resources.gpus())));
      limits.put(GPUS, resources.gpus());
    }
    if (resources.timeoutSeconds() != null) {
      limits.put(TIMEOUT_SECONDS, resources.timeoutSeconds());
    }
    List<JobPayload.Volume> volumes =
        job.volumes().isEmpty()
            ? List.of(
                new JobPayload.Volume(sharedDir.toString(), AgentProtocol.CONTAINER_DATA, "rw"))
            : job.volumes();
    // The coordinator names folders as it mounts the shared directory; here it is mounted at
    // sharedDir, found again from where each folder appears inside the job.
    String data = job.containerDataPath();
    for (JobPayload.Volume v : volumes) {
      String relative = v.container().substring(data.length()).replaceFirst("^/", "");
      String host =
          relative.isEmpty() ? sharedDir.toString() : sharedDir.resolve(relative).toString();
      cmd.addAll(List.of("-v", host + ":" + v.container() + ":" + v.mode()));
    }
    Map<String, String> env = new LinkedHashMap<>(job.env());
    env.put(AgentProtocol.JOB_ID_ENV, job.jobId());
    env.keySet().forEach(name -> cmd.addAll(List.of("-e", name)));
    cmd.add(job.image());
    cmd.addAll(job.args());
    return new LaunchPlan(List.copyOf(cmd), env, jobDir, limits);
  }

  static List<String> stopCommand(String container, Duration grace) {
    return List.of(
        "docker", "stop", "--time", String.valueOf(Math.max(0, grace.toSeconds())), container);
  }

  static List<String> killCommand(String container) {
    return List.of("docker", "kill", container);
  }

  @Override
  public Future<Void> terminate(JobProcess process, Duration grace) {
    return docker(stopCommand(process.name(), grace), process);
  }

  @Override
  public Future<Void> kill(JobProcess process) {
    return docker(killCommand(process.name()), process);
  }

  /** Runs a docker command; when it fails (no container yet) the attached CLI is ended instead. */
  private Future<Void> docker(List<String> command, JobProcess process) {
    return io.run(
            () ->
                new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .start())
        .compose(p -> JobProcess.exitCode(p, context))
        .compose(
            code ->
                code == 0
                    ? Future.<Void>succeededFuture()
                    : io.run(
                        () -> {
                          process.signal(false);
                          return null;
                        }));
  }

  @Override
  public String containerId(JobProcess process) {
    return containerIds.of(process.name());
  }

  private static String decimal(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
