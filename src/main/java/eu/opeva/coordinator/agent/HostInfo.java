package eu.opeva.coordinator.agent;

import eu.opeva.coordinator.domain.JobFields;
import eu.opeva.coordinator.domain.JobStatus;
import eu.opeva.coordinator.protocol.AgentProtocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/**
 * The {@code info} of a heartbeat: what this host runs, which jobs it has yet to report the end of
 * ({@code unreported_job_ids}), and how loaded it is.
 */
final class HostInfo {
  private HostInfo() {}

  static JsonObject of(
      AgentSettings settings,
      String executor,
      String hostname,
      Collection<JobRun> active,
      Collection<String> unreported,
      String lastJobId,
      JobStatus lastStatus) {
    JsonArray ids = new JsonArray();
    JsonArray jobs = new JsonArray();
    for (JobRun run : active) {
      ids.add(run.jobId());
      jobs.add(new JsonObject().put(JobFields.JOB_ID, run.jobId()).put("pid", run.pid()));
    }
    JsonObject info =
        new JsonObject()
            .put("version", AgentVersion.get())
            .put("worker_version", AgentVersion.get())
            .put("executor", executor)
            .put("hostname", hostname)
            .put("slots", settings.slots())
            .put("active_job_count", ids.size())
            .put("active_job_ids", ids)
            .put("active_job_id", ids.isEmpty() ? null : ids.getString(0))
            .put("active_jobs", jobs)
            .put(AgentProtocol.UNREPORTED_JOB_IDS, new JsonArray(List.copyOf(unreported)))
            .put("last_job_id", lastJobId)
            .put("last_terminal_status", lastStatus == null ? null : lastStatus.wire())
            .put("cpu_count", Runtime.getRuntime().availableProcessors());
    var os = ManagementFactory.getOperatingSystemMXBean();
    double load = os.getSystemLoadAverage();
    info.put("load_average", load < 0 ? null : Math.round(load * 100) / 100.0);
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      info.put("free_memory_mb", sun.getFreeMemorySize() / (1024 * 1024))
          .put("total_memory_mb", sun.getTotalMemorySize() / (1024 * 1024));
    }
    return info;
  }

  /** Blocking (may ask the resolver): call once, off the event loop. */
  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
